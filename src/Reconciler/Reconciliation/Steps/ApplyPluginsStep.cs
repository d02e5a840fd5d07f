using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(5) Executes the plan's plugin actions: starts, updates, re-initialises or removes running plugins.</summary>
internal sealed class ApplyPluginsStep(PluginHost host, ILogger logger) : IReconcileStep
{
    public string Name => "apply plugins";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        var desired = pass.DesiredOrThrow;
        var failed = await ActionRunner.RunAsync(pass, logger, kind => kind is PlanActionKind.ApplyPlugin or PlanActionKind.RemovePlugin, async action =>
        {
            if (action.Kind == PlanActionKind.ApplyPlugin)
            {
                var plugin = desired.Plugins[action.Plugin];
                await host.ApplyPluginAsync(plugin, cancellationToken);
                pass.Actions.Add($"{action.Plugin}: {Describe(action.Reason, plugin.Hash)}");
            }
            else
            {
                await host.RemovePluginAsync(action.Plugin, cancellationToken);
                pass.Actions.Add($"{action.Plugin}: running plugin removed (gone from the repository)");
            }
            pass.Done.Add(action);
        }, cancellationToken);
        if (failed > 0) pass.PluginFailed = true;
    }

    private static string Describe(ActionReason reason, string hash) => reason switch
    {
        ActionReason.Missing => "running plugin started",
        ActionReason.Drifted => "running plugin re-initialised (drift)",
        _ => $"running plugin updated to {(hash.Length > 12 ? hash[..12] : hash)}",
    };
}
