using System.Diagnostics;

namespace GitOps.TestSupport.Secrets;

/// <summary>The real <c>age</c> and <c>age-keygen</c> binaries (Debian's age package), for interoperability tests.</summary>
public static class AgeCli
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>, writing <paramref name="input"/> to stdin;
    /// returns stdout as bytes. Fails the test on a non-zero exit.</summary>
    public static byte[] Run(string tool, byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (install Debian's age package)");
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        stdout.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
        return output.ToArray();
    }

    /// <summary>Encrypts to <paramref name="recipient"/> with the real age (armored when asked).</summary>
    public static byte[] Encrypt(byte[] plaintext, string recipient, bool armor) =>
        Run("age", plaintext, armor ? ["-e", "-a", "-r", recipient] : ["-e", "-r", recipient]);

    /// <summary>Decrypts with the real age and an identity file holding <paramref name="identity"/>.</summary>
    public static byte[] Decrypt(byte[] file, string identity)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gitops-age-{Guid.NewGuid():N}.key");
        File.WriteAllText(path, identity + "\n");
        try
        {
            return Run("age", file, "-d", "-i", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A new identity from the real age-keygen: (AGE-SECRET-KEY-1…, age1…).</summary>
    public static (string Identity, string Recipient) KeyGen()
    {
        var text = System.Text.Encoding.ASCII.GetString(Run("age-keygen", []));
        var identity = text.Split('\n').Single(l => l.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal));
        var recipient = System.Text.Encoding.ASCII.GetString(Run("age-keygen", System.Text.Encoding.ASCII.GetBytes(identity + "\n"), "-y")).Trim();
        return (identity, recipient);
    }
}
