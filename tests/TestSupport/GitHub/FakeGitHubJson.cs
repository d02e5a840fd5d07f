namespace GitOps.TestSupport.GitHub;

/// <summary>Response bodies shaped like GitHub's REST API (v3, 2022-11-28) for the resources the fake serves.</summary>
internal static class FakeGitHubJson
{
    public const string Login = "gitops-bot";
    public const long UserId = 4242;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static object User(Uri api) => new Dictionary<string, object?>
    {
        ["login"] = Login,
        ["id"] = UserId,
        ["node_id"] = "MDQ6VXNlcjQyNDI=",
        ["avatar_url"] = "https://avatars.githubusercontent.com/u/4242?v=4",
        ["gravatar_id"] = "",
        ["url"] = new Uri(api, $"users/{Login}").ToString(),
        ["html_url"] = $"https://github.com/{Login}",
        ["type"] = "Bot",
        ["site_admin"] = false,
    };

    public static object Status(Uri api, FakeStatus s, DateTimeOffset at) => new Dictionary<string, object?>
    {
        ["url"] = new Uri(api, $"repos/{s.Owner}/{s.Repository}/statuses/{s.Sha}").ToString(),
        ["avatar_url"] = "https://avatars.githubusercontent.com/u/4242?v=4",
        ["id"] = s.Id,
        ["node_id"] = $"SC_{s.Id}",
        ["state"] = s.State,
        ["description"] = s.Description,
        ["target_url"] = null,
        ["context"] = s.Context ?? "default",
        ["created_at"] = Time(at),
        ["updated_at"] = Time(at),
        ["creator"] = User(api),
    };

    public static object Comment(Uri api, FakeComment c) => new Dictionary<string, object?>
    {
        ["id"] = c.Id,
        ["node_id"] = $"IC_{c.Id}",
        ["url"] = new Uri(api, $"repos/{c.Owner}/{c.Repository}/issues/comments/{c.Id}").ToString(),
        ["html_url"] = $"https://github.com/{c.Owner}/{c.Repository}/pull/{c.Number}#issuecomment-{c.Id}",
        ["issue_url"] = new Uri(api, $"repos/{c.Owner}/{c.Repository}/issues/{c.Number}").ToString(),
        ["body"] = c.Body,
        ["user"] = User(api),
        ["created_at"] = Time(c.CreatedAt),
        ["updated_at"] = Time(c.UpdatedAt),
        ["author_association"] = "NONE",
    };

    public static object Repository(Uri api, string owner, string name) => new Dictionary<string, object?>
    {
        ["id"] = 1296269,
        ["node_id"] = "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
        ["name"] = name,
        ["full_name"] = $"{owner}/{name}",
        ["private"] = false,
        ["owner"] = User(api),
        ["html_url"] = $"https://github.com/{owner}/{name}",
        ["url"] = new Uri(api, $"repos/{owner}/{name}").ToString(),
        ["clone_url"] = $"https://github.com/{owner}/{name}.git",
        ["default_branch"] = "main",
    };

    public static object PullRequest(Uri api, FakePullRequest p, DateTimeOffset at) => new Dictionary<string, object?>
    {
        ["id"] = 1_000_000 + p.Number,
        ["node_id"] = $"PR_{p.Number}",
        ["url"] = new Uri(api, $"repos/{p.Owner}/{p.Repository}/pulls/{p.Number}").ToString(),
        ["html_url"] = $"https://github.com/{p.Owner}/{p.Repository}/pull/{p.Number}",
        ["number"] = p.Number,
        ["state"] = "open",
        ["locked"] = false,
        ["title"] = p.Title,
        ["body"] = p.Body,
        ["user"] = User(api),
        ["created_at"] = Time(at),
        ["updated_at"] = Time(at),
        ["draft"] = false,
        ["merged"] = false,
        ["head"] = Branch(api, p.Owner, p.Repository, p.HeadRef, p.HeadSha),
        ["base"] = Branch(api, p.Owner, p.Repository, p.BaseRef, p.BaseSha),
    };

    public static object Reference(Uri api, string owner, string name, string @ref, string sha) => new Dictionary<string, object?>
    {
        ["ref"] = @ref,
        ["node_id"] = $"REF_{sha[..Math.Min(7, sha.Length)]}",
        ["url"] = new Uri(api, $"repos/{owner}/{name}/git/{@ref}").ToString(),
        ["object"] = new Dictionary<string, object?>
        {
            ["type"] = "commit",
            ["sha"] = sha,
            ["url"] = new Uri(api, $"repos/{owner}/{name}/git/commits/{sha}").ToString(),
        },
    };

    public static object Error(string message) => new Dictionary<string, object?>
    {
        ["message"] = message,
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = "404",
    };

    private static object Branch(Uri api, string owner, string name, string @ref, string sha) => new Dictionary<string, object?>
    {
        ["label"] = $"{owner}:{@ref}",
        ["ref"] = @ref,
        ["sha"] = sha,
        ["user"] = User(api),
        ["repo"] = Repository(api, owner, name),
    };
}
