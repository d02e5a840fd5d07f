using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// The fake API server's storage: objects as JSON, one cluster-wide increasing resourceVersion, optimistic
/// concurrency on it, and a change history for watches. Thread-safe; every operation is atomic.
/// </summary>
public sealed class FakeKubeStore(TimeProvider time, int historyLimit = 10_000)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(KubeResourceType Type, string Namespace, string Name), JsonObject> objects = [];
    private readonly FakeKubeWatchHub hub = new(historyLimit);
    private long resourceVersion = 100;

    /// <summary>The cluster's current resourceVersion (that of the latest write).</summary>
    public long ResourceVersion { get { lock (gate) return resourceVersion; } }

    public int OpenWatches { get { lock (gate) return hub.OpenWatches; } }

    /// <summary>A copy of a stored object, or null.</summary>
    public JsonObject? Find(KubeResourceType type, string ns, string name)
    {
        lock (gate) return objects.TryGetValue((type, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
    }

    /// <summary>Copies of every stored object of a type in a namespace, ordered by name.</summary>
    public IReadOnlyList<JsonObject> All(KubeResourceType type, string ns)
    {
        lock (gate)
            return objects.Where(o => o.Key.Type == type && o.Key.Namespace == ns)
                .OrderBy(o => o.Key.Name, StringComparer.Ordinal).Select(o => (JsonObject)o.Value.DeepClone()).ToList();
    }

    /// <summary>Drops the watch history up to the current resourceVersion, so older versions answer 410 Expired.</summary>
    public void Compact()
    {
        lock (gate) hub.Compact(resourceVersion);
    }

    public KubeResponse Get(KubeResourceType type, string ns, string name)
    {
        lock (gate)
            return objects.TryGetValue((type, ns, name), out var obj)
                ? new KubeResponse(200, obj.DeepClone())
                : KubeStatus.NotFound(type, name);
    }

    /// <summary>A list of the objects in <paramref name="ns"/> (all namespaces when null) that match both selectors.</summary>
    public KubeResponse List(KubeResourceType type, string? ns, LabelSelector labels, FieldSelector fields)
    {
        lock (gate)
        {
            var items = objects.Where(o => o.Key.Type == type && (ns is null || o.Key.Namespace == ns))
                .Where(o => labels.Matches(o.Value) && fields.Matches(o.Value))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o =>
                {
                    // Items of a typed list carry no kind/apiVersion, as the real API server sends them.
                    var item = (JsonObject)o.Value.DeepClone();
                    item.Remove("kind");
                    item.Remove("apiVersion");
                    return (JsonNode)item;
                }).ToArray();
            return new KubeResponse(200, new JsonObject
            {
                ["kind"] = type.Kind + "List",
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(resourceVersion) },
                ["items"] = new JsonArray(items),
            });
        }
    }

    public KubeResponse Create(KubeResourceType type, string ns, JsonObject body)
    {
        var obj = (JsonObject)body.DeepClone();
        var meta = Metadata(obj);
        if (meta["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
            return KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var name = meta["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
            meta["name"] = name = KubeObjectRules.GenerateName(prefix);
        meta["namespace"] = ns;
        KubeSecretRules.Normalize(type, obj);
        var errors = KubeObjectRules.Validate(type, obj);
        if (errors.Count > 0) return KubeStatus.Invalid(type, name ?? "", errors);
        lock (gate)
        {
            if (objects.ContainsKey((type, ns, name!))) return KubeStatus.AlreadyExists(type, name!);
            obj["kind"] = type.Kind;
            obj["apiVersion"] = type.ApiVersion;
            meta.Remove("resourceVersion");
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            meta["generation"] = 1L;
            return new KubeResponse(201, Commit(type, ns, name!, obj, "ADDED"));
        }
    }

    /// <summary>PUT: replaces the object; a non-empty <c>metadata.resourceVersion</c> must be the current one (else 409).</summary>
    public KubeResponse Replace(KubeResourceType type, string ns, string name, JsonObject body)
    {
        var obj = (JsonObject)body.DeepClone();
        var meta = Metadata(obj);
        if (meta["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            return KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        if (meta["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
            return KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        meta["name"] = name;
        lock (gate) return Update(type, ns, name, obj);
    }

    /// <summary>PATCH with an RFC 7386 merge patch; a <c>metadata.resourceVersion</c> in the patch is a precondition.</summary>
    public KubeResponse MergePatch(KubeResourceType type, string ns, string name, JsonObject patch)
    {
        lock (gate)
        {
            if (!objects.TryGetValue((type, ns, name), out var current)) return KubeStatus.NotFound(type, name);
            if (JsonMergePatch.Apply(current, patch) is not JsonObject patched)
                return KubeStatus.BadRequest("the patch did not result in an object");
            var meta = Metadata(patched);
            if (meta["name"]?.GetValue<string>() != name || meta["namespace"]?.GetValue<string>() != ns)
                return KubeStatus.BadRequest("the patch may not change the object's name or namespace");
            return Update(type, ns, name, patched);
        }
    }

    /// <summary>DELETE; <paramref name="options"/> is a DeleteOptions body whose <c>preconditions</c> (uid, resourceVersion) must hold.</summary>
    public KubeResponse Delete(KubeResourceType type, string ns, string name, JsonObject? options)
    {
        lock (gate)
        {
            if (!objects.TryGetValue((type, ns, name), out var current)) return KubeStatus.NotFound(type, name);
            var meta = Metadata(current);
            foreach (var (field, label) in new[] { ("uid", "UID"), ("resourceVersion", "ResourceVersion") })
            {
                var wanted = options?["preconditions"]?[field]?.GetValue<string>();
                var actual = meta[field]?.GetValue<string>();
                if (!string.IsNullOrEmpty(wanted) && wanted != actual)
                    return KubeStatus.Conflict(type, name,
                        $"Precondition failed: {label} in precondition: {wanted}, {label} in object meta: {actual}");
            }
            objects.Remove((type, ns, name));
            var deleted = (JsonObject)current.DeepClone();
            Metadata(deleted)["resourceVersion"] = Rv(++resourceVersion);
            hub.Publish(new WatchRecord(resourceVersion, "DELETED", type, ns, deleted));
            return KubeStatus.Deleted(type, name, meta["uid"]?.GetValue<string>());
        }
    }

    internal FakeKubeWatchHub.Subscription? Subscribe(KubeResourceType type, string? ns, long? since,
        Func<JsonObject, bool> filter, out List<WatchRecord> backlog, out KubeResponse? expired)
    {
        lock (gate)
        {
            expired = null;
            backlog = [];
            if (since is null or 0)
            {
                // No version: the current state as synthetic ADDED events, then changes.
                backlog.AddRange(objects.Where(o => o.Key.Type == type && (ns is null || o.Key.Namespace == ns))
                    .OrderBy(o => o.Key.Name, StringComparer.Ordinal)
                    .Select(o => new WatchRecord(resourceVersion, "ADDED", type, o.Key.Namespace, (JsonObject)o.Value.DeepClone())));
            }
            else if (since < hub.CompactedThrough)
            {
                expired = KubeStatus.Expired(since.Value, hub.CompactedThrough + 1);
                return null;
            }
            else
            {
                backlog.AddRange(hub.Since(since.Value).Where(r => r.ResourceType == type && (ns is null || r.Namespace == ns)));
            }
            backlog.RemoveAll(r => !filter(r.Object));
            return hub.Subscribe(type, ns);
        }
    }

    internal void Unsubscribe(FakeKubeWatchHub.Subscription subscription)
    {
        lock (gate) hub.Unsubscribe(subscription);
    }

    private KubeResponse Update(KubeResourceType type, string ns, string name, JsonObject obj)
    {
        if (!objects.TryGetValue((type, ns, name), out var current)) return KubeStatus.NotFound(type, name);
        var meta = Metadata(obj);
        var currentMeta = Metadata(current);
        var expected = meta["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(expected) && expected != currentMeta["resourceVersion"]?.GetValue<string>())
            return KubeStatus.Conflict(type, name);
        var uid = meta["uid"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(uid) && uid != currentMeta["uid"]?.GetValue<string>())
            return KubeStatus.Conflict(type, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {currentMeta["uid"]}");
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.ApiVersion;
        meta["namespace"] = ns;
        meta["uid"] = currentMeta["uid"]?.DeepClone();
        meta["creationTimestamp"] = currentMeta["creationTimestamp"]?.DeepClone();
        meta["resourceVersion"] = currentMeta["resourceVersion"]?.DeepClone();
        var generation = currentMeta["generation"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : 1L;
        meta["generation"] = KubeObjectRules.Fingerprint(obj, false) == KubeObjectRules.Fingerprint(current, false) ? generation : generation + 1;
        KubeSecretRules.Normalize(type, obj);
        var errors = KubeObjectRules.Validate(type, obj);
        if (type == KubeResourceType.Secrets) errors.AddRange(KubeSecretRules.ValidateUpdate(obj, current));
        if (errors.Count > 0) return KubeStatus.Invalid(type, name, errors);
        // An update that changes nothing is not written: no new resourceVersion, no watch event.
        if (KubeObjectRules.Fingerprint(obj, true) == KubeObjectRules.Fingerprint(current, true))
            return new KubeResponse(200, current.DeepClone());
        return new KubeResponse(200, Commit(type, ns, name, obj, "MODIFIED"));
    }

    private JsonObject Commit(KubeResourceType type, string ns, string name, JsonObject obj, string eventType)
    {
        Metadata(obj)["resourceVersion"] = Rv(++resourceVersion);
        objects[(type, ns, name)] = obj;
        hub.Publish(new WatchRecord(resourceVersion, eventType, type, ns, (JsonObject)obj.DeepClone()));
        return (JsonObject)obj.DeepClone();
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta) return meta;
        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    private static string Rv(long value) => value.ToString(CultureInfo.InvariantCulture);
}
