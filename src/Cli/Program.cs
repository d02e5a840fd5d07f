using System.Runtime.InteropServices;
using GitOps.Cli;

// SIGINT/SIGTERM end the process at once with 128 + the signal number (130, 143): a command may be inside work that
// does not watch a token, and nothing needs undoing, because a change is one request that the server either
// committed or did not. Exiting here, rather than leaving it to the default action, also holds where the shell
// started the process with SIGINT ignored (a background job).
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, 130));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, 143));
return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariables());

static void Stop(PosixSignalContext context, int exitCode)
{
    context.Cancel = true;
    Console.Error.WriteLine($"gitops: stopped by {context.Signal}");
    Environment.Exit(exitCode);
}
