using System;
using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A real backup remote's server (S3-compatible, SFTP) for the tests of one class. Its address comes from an environment
/// variable that <c>test.sh</c> sets after starting the server's script under <c>tests/scripts</c>; when it is missing
/// outside CI the fixture runs the script itself (and stops the server at the end); in CI a missing variable fails the
/// tests, which never skip there. No server is mocked in the process.
/// </summary>
public abstract class RemoteServerFixture : IAsyncLifetime
{
    private readonly ServerNames _names;
    private ServerScript? _script;
    private string? _address;

    private protected RemoteServerFixture(ServerNames names) => _names = names;

    /// <summary>The server's address as the script prints it.</summary>
    /// <exception cref="SkipException">A developer asked to skip these tests.</exception>
    public string Address => _address ?? (Environment.GetEnvironmentVariable(_names.SkipVariable) == "1" && !ServerFixture.InCi
        ? throw new SkipException(_names.SkipReason)
        : throw new InvalidOperationException($"{GetType().Name} is not initialized"));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(_names.SkipVariable) == "1" && !ServerFixture.InCi)
        {
            return;
        }

        var address = Environment.GetEnvironmentVariable(_names.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(address))
        {
            if (ServerFixture.InCi)
            {
                throw new InvalidOperationException($"{_names.ConnectionVariable} is not set and CI=true: run the tests through ./test.sh, which starts {_names.Server}. The {_names.Tests} never skip in CI.");
            }

            (_script, address) = await ServerScript.StartAsync(_names.Script, _names.StateFileVariable, _names.StateFilePrefix, _names.ConnectionVariable, _names.SkipVariable, _names.Tests);
        }

        _address = address;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_script is { } script)
        {
            _script = null;
            await script.StopAsync();
        }
    }
}

/// <summary>s3rver of tests/scripts/s3.sh: <c>PANEL_TEST_S3=http://127.0.0.1:PORT/BUCKET</c>, keys S3RVER/S3RVER.</summary>
public sealed class S3ServerFixture() : RemoteServerFixture(new ServerNames(
    "s3rver", "S3 backup tests", "PANEL_TEST_S3", "PANEL_SKIP_S3", "PANEL_SKIP_S3=1: the S3 backup tests are skipped", "s3.sh", "PANEL_S3_ENV_FILE", "panel-s3-fixture"))
{
    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:4568</c>.</summary>
    public string Endpoint => new Uri(Address).GetLeftPart(UriPartial.Authority);

    /// <summary>The bucket the script made.</summary>
    public string Bucket => new Uri(Address).AbsolutePath.Trim('/');
}

/// <summary>
/// sshd of tests/scripts/sshd.sh: <c>PANEL_TEST_SFTP=sftp://USER@127.0.0.1:PORT/FOLDER?key=KEYFILE&amp;hostKey=SHA256:...</c>.
/// </summary>
public sealed class SftpServerFixture() : RemoteServerFixture(new ServerNames(
    "an OpenSSH server", "SFTP backup tests", "PANEL_TEST_SFTP", "PANEL_SKIP_SFTP", "PANEL_SKIP_SFTP=1: the SFTP backup tests are skipped", "sshd.sh", "PANEL_SFTP_ENV_FILE", "panel-sftp-fixture"))
{
    private Uri Uri => new(Address);

    public string Host => Uri.Host;

    public int Port => Uri.Port;

    public string User => Uri.UserInfo;

    /// <summary>The upload folder (the server's user owns it).</summary>
    public string Folder => Uri.AbsolutePath;

    public string KeyFile => Query("key");

    public string HostKey => Query("hostKey");

    private string Query(string key)
    {
        foreach (var pair in Uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(key.Length + 1)..]);
            }
        }

        throw new InvalidOperationException($"PANEL_TEST_SFTP has no {key}=");
    }
}
