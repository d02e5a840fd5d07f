using System.CommandLine;

var root = new RootCommand("gitops: the GitOps Reconciler command-line client");
return await root.Parse(args).InvokeAsync();
