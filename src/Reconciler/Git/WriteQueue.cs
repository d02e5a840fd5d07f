namespace GitOps.Reconciler.Git;

/// <summary>Group commit's queue (issue 19): writers queue here instead of waiting on a lock; the first writer to find no
/// batch running becomes the leader and runs every queued write as one batch, then the next batch, until the queue is empty.</summary>
/// <remarks>
/// <para>The leader runs its first batch on its own thread (a lone writer pays no hand-off); later batches run after a
/// yield to the thread pool, so the leader's caller gets its answer as soon as its own batch is done.</para>
/// <para>While a batch's commits wait for their flush and branch move, the heads that batch replaces are
/// <see cref="Supersede">superseded</see>: a write that expects one of them (a stale <c>If-Match</c>) can never succeed
/// once the batch lands, and is refused at once, queued or arriving, without waiting for any disk or network I/O.</para>
/// </remarks>
internal sealed class WriteQueue(Func<IReadOnlyList<QueuedWrite>, Task> runBatch, int maxBatch, Action<QueuedWrite, string> refuse)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<QueuedWrite> _queue = new();
    private bool _draining;
    private Superseded? _superseded;

    /// <summary>Queues a write and returns its answer; the caller becomes the leader when no batch is running.</summary>
    public Task<MutationOutcome> Submit(QueuedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (_superseded is { } superseded && write.ExpectedHead is { } expected && superseded.Heads.Contains(expected))
            {
                refuse(write, superseded.Tip);
                return write.Answered;
            }
            _queue.AddLast(write);
            if (_draining) return write.Answered;
            _draining = true;
        }
        _ = DrainAsync();
        return write.Answered;
    }

    /// <summary>Puts writes that lost the branch back at the front (they keep their order); called by a running batch.</summary>
    public void Requeue(IReadOnlyList<QueuedWrite> writes)
    {
        lock (_gate)
        {
            for (var i = writes.Count - 1; i >= 0; i--) _queue.AddFirst(writes[i]);
        }
    }

    /// <summary>A batch is about to land <paramref name="tip"/> on top of <paramref name="heads"/>: refuses every queued write
    /// that expects one of those heads now, and every such write that arrives until <see cref="EndSupersede"/>.</summary>
    public void Supersede(IReadOnlyCollection<string> heads, string tip)
    {
        lock (_gate)
        {
            var superseded = new Superseded(heads.ToHashSet(StringComparer.OrdinalIgnoreCase), tip);
            _superseded = superseded;
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.ExpectedHead is { } expected && superseded.Heads.Contains(expected))
                {
                    _queue.Remove(node);
                    refuse(node.Value, tip);
                }
                node = next;
            }
        }
    }

    /// <summary>The batch landed (or failed): later writes are checked against the branch itself again.</summary>
    public void EndSupersede()
    {
        lock (_gate) _superseded = null;
    }

    private async Task DrainAsync()
    {
        var first = true;
        while (true)
        {
            if (!first) await Task.Yield(); // later batches on the thread pool: the leader's caller has its answer
            first = false;
            var batch = new List<QueuedWrite>();
            lock (_gate)
            {
                while (batch.Count < maxBatch && _queue.First is { } node)
                {
                    _queue.RemoveFirst();
                    batch.Add(node.Value);
                }
                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }
            try
            {
                await runBatch(batch);
            }
            catch (Exception ex)
            {
                // A bug or an unexpected I/O error: every write of the batch still waiting sees it (as before batching).
                foreach (var write in batch) write.Fail(ex);
            }
            finally
            {
                EndSupersede();
            }
        }
    }

    private sealed record Superseded(HashSet<string> Heads, string Tip);
}
