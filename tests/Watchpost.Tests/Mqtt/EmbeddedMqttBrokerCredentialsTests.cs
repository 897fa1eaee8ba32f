using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Broker;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>The embedded broker's passwords: from the site file or generated once, kept with mode 0600, reused at every start.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedMqttBrokerCredentialsTests(ITestOutputHelper output) : IDisposable
{
    private readonly RecordingLog _log = new(output);
    private readonly TempFolder _storage = new();

    public void Dispose() => _storage.Dispose();

    private string FilePath => _storage.File(MqttCredentialStore.FileName);

    private MqttCredentialStore Store() => new(_storage.Path, _log.For<MqttCredentialStore>());

    [Fact]
    public async Task Generated_passwords_are_the_same_at_the_next_start_and_work_there()
    {
        var site = EmbeddedBrokerSite.Create(_storage.Path, EmbeddedBrokerSite.WithUsers());
        string first;
        await using (var broker = new EmbeddedMqttBroker(site, _log.For<EmbeddedMqttBroker>()))
        {
            first = broker.Credentials.Find("ops")!.Password!;
            Assert.True(first.Length >= 24);
            Assert.Equal(MqttPasswordSource.Generated, broker.Credentials.Find("ops")!.Source);
            Assert.True(broker.PasswordGenerated);
        }

        var applianceBefore = Store().Read(site.Mqtt).Appliance.Password;
        await using var again = new EmbeddedMqttBroker(site, _log.For<EmbeddedMqttBroker>());
        await again.StartAsync(CancellationToken.None);
        Assert.Equal(first, again.Credentials.Find("ops")!.Password);
        Assert.Equal(applianceBefore, again.Password);
        await using var client = await EmbeddedBrokerClient.ConnectAsync(EmbeddedBrokerClient.OptionsFor(again.Port, "ops", first).Build());

        // Another box (another storage folder) gets its own.
        using var other = new TempFolder();
        var elsewhere = new MqttCredentialStore(other.Path, _log.For<MqttCredentialStore>()).LoadOrCreate(site.Mqtt);
        Assert.NotEqual(first, elsewhere.Find("ops")!.Password);
    }

    [Fact]
    public void The_file_is_owner_only_and_holds_only_the_generated_passwords()
    {
        var credentials = Store().LoadOrCreate(EmbeddedBrokerSite.WithUsers());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.False(File.Exists(FilePath + ".tmp"));
        var text = File.ReadAllText(FilePath);
        using var json = JsonDocument.Parse(text);
        var passwords = json.RootElement.GetProperty("passwords");
        Assert.Equal(["ops", "watchpost"], passwords.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(credentials.Find("ops")!.Password, passwords.GetProperty("ops").GetString());
        Assert.DoesNotContain("bms-password", text, StringComparison.Ordinal);   // the site file's own stay there

        // A user removed from the site file (or given a password there) leaves the file.
        var fewer = EmbeddedBrokerSite.WithUsers();
        fewer.Users.RemoveAll(u => u.Username == "ops");
        Store().LoadOrCreate(fewer);
        using var after = JsonDocument.Parse(File.ReadAllText(FilePath));
        Assert.Equal(["watchpost"], after.RootElement.GetProperty("passwords").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_file_others_can_read_is_made_owner_only_with_a_warning_and_its_passwords_kept()
    {
        var first = Store().LoadOrCreate(new MqttOptions());
        File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var again = Store().LoadOrCreate(new MqttOptions());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Equal(first.Find("controller")!.Password, again.Find("controller")!.Password);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("readable by other users", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_file_is_moved_aside_and_new_passwords_generated_loudly()
    {
        File.WriteAllText(FilePath, "{ not json");

        Assert.Throws<MqttCredentialsException>(() => Store().Read(new MqttOptions()));   // the CLI only reports it
        var credentials = Store().LoadOrCreate(new MqttOptions());

        Assert.NotNull(credentials.Find("controller")!.Password);
        Assert.Single(Directory.GetFiles(_storage.Path, MqttCredentialStore.FileName + ".damaged-*"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("NEW passwords", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_writes_nothing_and_says_which_passwords_the_service_has_not_generated_yet()
    {
        var site = EmbeddedBrokerSite.WithUsers();
        var before = Store().Read(site);
        Assert.False(File.Exists(FilePath));
        Assert.False(before.Complete);
        Assert.Equal(MqttPasswordSource.NotGeneratedYet, before.Find("ops")!.Source);
        Assert.Null(before.Find("ops")!.Password);
        Assert.Equal(("bms-password-0123456789", MqttPasswordSource.SiteFile), (before.Find("bms")!.Password, before.Find("bms")!.Source));

        var service = Store().LoadOrCreate(site);
        var after = Store().Read(site);
        Assert.True(after.Complete);
        Assert.Equal(service.Find("ops")!.Password, after.Find("ops")!.Password);
    }

    [Fact]
    public void Without_users_there_is_one_controller_and_mqtt_username_names_the_appliance_account()
    {
        var credentials = Store().LoadOrCreate(new MqttOptions { Username = "box", Password = "box-password-0123456789" });

        Assert.Equal(("box", MqttRole.Appliance, MqttPasswordSource.SiteFile), (credentials.Appliance.Username, credentials.Appliance.Role, credentials.Appliance.Source));
        var controller = Assert.Single(credentials.Users);
        Assert.Equal((MqttCredentialStore.DefaultControllerUsername, MqttRole.Controller), (controller.Username, controller.Role));
        Assert.DoesNotContain(controller.Password!, controller.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Clashing_user_names_and_bad_roles_are_named()
    {
        var mqtt = new MqttOptions
        {
            Users =
            [
                new MqttUserOptions { Username = "watchpost", Role = "controller" },
                new MqttUserOptions { Username = "bms", Role = "controller" },
                new MqttUserOptions { Username = "bms", Role = "viewer" },
                new MqttUserOptions { Username = "root", Role = "admin" },
            ],
        };

        var ex = Assert.Throws<InvalidConfigurationException>(() => Store().LoadOrCreate(mqtt));
        Assert.Contains("mqtt.users[0].username: 'watchpost' is the appliance's own account", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mqtt.users[2].username: 'bms' is listed twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mqtt.users[3].role: 'admin'", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void Authenticate_takes_only_the_right_password_of_the_right_user()
    {
        var credentials = Store().LoadOrCreate(EmbeddedBrokerSite.WithUsers());
        var ops = credentials.Find("ops")!;

        Assert.Same(ops, credentials.Authenticate("ops", Encoding.UTF8.GetBytes(ops.Password!)));
        Assert.Null(credentials.Authenticate("ops", Encoding.UTF8.GetBytes(ops.Password! + "x")));
        Assert.Null(credentials.Authenticate("ops", Encoding.UTF8.GetBytes(ops.Password![..^1])));
        Assert.Null(credentials.Authenticate("ops", []));
        Assert.Null(credentials.Authenticate("bms", Encoding.UTF8.GetBytes(ops.Password!)));
        Assert.Null(credentials.Authenticate(null, Encoding.UTF8.GetBytes(ops.Password!)));
        Assert.Null(credentials.Authenticate("OPS", Encoding.UTF8.GetBytes(ops.Password!)));
    }
}
