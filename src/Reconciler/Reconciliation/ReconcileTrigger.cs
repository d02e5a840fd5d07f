using System.Threading.Channels;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Why a reconcile pass was asked for.</summary>
/// <param name="Fetch">The pass should fetch the remote first (webhook push, generic webhook).</param>
public sealed record ReconcileRequest(string Reason, bool Fetch)
{
    /// <summary>Set when the request only asks for this branch head to be applied (the store moved to it): a pass that
    /// already applied it serves the request. Null: the request needs a pass whatever is applied.</summary>
    public string? Head { get; init; }

    /// <summary>Whether a pass that left <paramref name="appliedHead"/> applied already served this request.</summary>
    public bool IsServedBy(string? appliedHead) => Head is not null && Head == appliedHead;
}

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
            // A merged request is bound to a head only while every part of it is (then to the newest head).
            _pending = _pending is null
                ? request
                : new ReconcileRequest(_pending.Reason.Contains(request.Reason, StringComparison.Ordinal) ? _pending.Reason : $"{_pending.Reason}, {request.Reason}", _pending.Fetch || request.Fetch)
                {
                    Head = _pending.Head is null || request.Head is null ? null : request.Head,
                };
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
