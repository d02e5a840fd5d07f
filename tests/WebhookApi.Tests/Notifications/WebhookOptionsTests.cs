using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>A subscriber the sink could never deliver to stops start-up with a message naming the option, never the secret.</summary>
public sealed class WebhookOptionsTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1/hook", "whsec_c2VjcmV0LWZvci1kZWxpdmVyeS10ZXN0cw==", "GitOps:Notifications:Webhooks:0:Url must use http or https")]
    [InlineData("hooks.example/relative", "whsec_c2VjcmV0LWZvci1kZWxpdmVyeS10ZXN0cw==", "GitOps:Notifications:Webhooks:0:Url is not an absolute URL")]
    [InlineData("http://0.0.0.0:9/hook", "whsec_c2VjcmV0LWZvci1kZWxpdmVyeS10ZXN0cw==", "GitOps:Notifications:Webhooks:0:Url names the address 0.0.0.0")]
    [InlineData("http://127.0.0.1:9/hook", "", "GitOps:Notifications:Webhooks:0:Secret is required")]
    [InlineData("http://127.0.0.1:9/hook", "short-secret", "GitOps:Notifications:Webhooks:0:Secret must be at least 16")]
    public async Task UnusableSubscriber_StopsStartUp_NamingTheOption(string url, string secret, string expected)
    {
        using var data = new TempDirectory("gitops-bad-webhook");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Notifications__Webhooks__0__Url"] = url;
        settings["GitOps__Notifications__Webhooks__0__Secret"] = secret;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        if (secret.Length > 0) Assert.DoesNotContain(secret, failure.Message, StringComparison.Ordinal);
    }

}
