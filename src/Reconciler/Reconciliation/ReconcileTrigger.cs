using System.Threading.Channels;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Why a reconcile pass was asked for.</summary>
/// <param name="Fetch">The pass should fetch the remote first (webhook push, generic webhook).</param>
public sealed record ReconcileRequest(string Reason, bool Fetch);

/// <summary>A coalescing signal that asks for reconcile passes: any number of requests made while one is
/// already pending collapse into that one (their reasons are joined and <c>Fetch</c> is or-ed).</summary>
/// <remarks>The reconcile job waits on <see cref="WaitAsync"/>; webhooks, commits and <c>POST /reconcile</c> call <see cref="Request"/>.
/// Requests that arrive while a pass runs make exactly one more pass.</remarks>
public sealed class ReconcileTrigger
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private ReconcileRequest? _pending;

    public void Request(ReconcileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            _pending = _pending is null
                ? request
                : new ReconcileRequest(_pending.Reason.Contains(request.Reason, StringComparison.Ordinal) ? _pending.Reason : $"{_pending.Reason}, {request.Reason}", _pending.Fetch || request.Fetch);
        }
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for the next (coalesced) request and takes it.</summary>
    public async Task<ReconcileRequest> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.Reader.ReadAsync(cancellationToken);
            if (TryTake() is { } request) return request;
        }
    }

    /// <summary>Takes the pending request, if any, without waiting.</summary>
    public ReconcileRequest? TryTake()
    {
        lock (_lock)
        {
            var request = _pending;
            _pending = null;
            return request;
        }
    }
}
