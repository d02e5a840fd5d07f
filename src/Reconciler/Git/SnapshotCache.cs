namespace GitOps.Reconciler.Git;

/// <summary>Bounded caches of built snapshots keyed by git tree id, so an unchanged tree is never re-read,
/// re-parsed or re-hashed.</summary>
/// <remarks>Plugins are keyed by folder name and tree id (the same tree under another name validates differently);
/// whole snapshots by root tree id. Both are least-recently-used with a fixed capacity. Thread-safe.</remarks>
internal sealed class SnapshotCache(int pluginCapacity = 512, int treeCapacity = 128)
{
    private readonly LruMap<(string Name, string TreeId), PluginResult> _plugins = new(pluginCapacity);
    private readonly LruMap<string, TreeSnapshot> _trees = new(treeCapacity);

    public int PluginCount => _plugins.Count;

    public int PluginCapacity => _plugins.Capacity;

    public int TreeCount => _trees.Count;

    public bool TryGetPlugin(string name, string treeId, out PluginResult result) => _plugins.TryGet((name, treeId), out result!);

    public void AddPlugin(string name, string treeId, PluginResult result) => _plugins.Set((name, treeId), result);

    public bool TryGetTree(string treeId, out TreeSnapshot snapshot) => _trees.TryGet(treeId, out snapshot!);

    public void AddTree(string treeId, TreeSnapshot snapshot) => _trees.Set(treeId, snapshot);

    /// <summary>Grows the plugin capacity to at least <paramref name="capacity"/> (never shrinks it): a tree of more plugin
    /// folders than the capacity would otherwise evict its own folders while it is read, and every later read of a tree
    /// sharing them (a mutation's new head) would read them all from git again.</summary>
    public void EnsurePluginCapacity(int capacity) => _plugins.EnsureCapacity(capacity);
}

/// <summary>What a root tree holds: every valid plugin (composed) and the errors of the invalid ones.</summary>
/// <param name="Snapshot">The valid plugins, composed; the whole tree when <see cref="Errors"/> is empty.</param>
internal sealed record TreeSnapshot(ConfigSnapshot Snapshot, ImmutableArray<ValidationError> Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public SnapshotResult ToResult(string head) => IsValid
        ? new SnapshotResult.Valid(At(head))
        : new SnapshotResult.Invalid(Errors);

    /// <summary>The snapshot labelled with the commit it was read at (the same tree can sit under many commits).</summary>
    public ConfigSnapshot At(string head) => Snapshot.Head == head ? Snapshot : Snapshot with { Head = head };
}

/// <summary>A small least-recently-used map.</summary>
internal sealed class LruMap<TKey, TValue>(int capacity) where TKey : notnull
{
    private int _capacity = capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _map = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock) return _map.Count;
        }
    }

    public int Capacity
    {
        get
        {
            lock (_lock) return _capacity;
        }
    }

    public void EnsureCapacity(int capacity)
    {
        lock (_lock) _capacity = Math.Max(_capacity, capacity);
    }

    public bool TryGet(TKey key, out TValue? value)
    {
        lock (_lock)
        {
            if (!_map.TryGetValue(key, out var node))
            {
                value = default;
                return false;
            }
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
    }

    public void Set(TKey key, TValue value)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var existing)) _order.Remove(existing);
            var node = new LinkedListNode<KeyValuePair<TKey, TValue>>(KeyValuePair.Create(key, value));
            _order.AddFirst(node);
            _map[key] = node;
            while (_map.Count > _capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
        }
    }
}
