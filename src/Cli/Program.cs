using GitOps.Cli;

return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariables());
