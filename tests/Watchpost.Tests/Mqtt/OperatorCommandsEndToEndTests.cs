using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// A building controller acknowledges and resolves an alert of the whole appliance host (embedded broker, real event
/// log): the reply, the `events` update it hears, the stored workflow and the audit trail, each checked against the
/// contract's schemas.
/// </summary>
public sealed class OperatorCommandsEndToEndTests : IDisposable
{
    private const string Root = "watchpost/ops-e2e";
    private const string ControllerPassword = "controller-password-0123456789";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_controller_acknowledges_and_resolves_an_alert_and_hears_each_change_on_events()
    {
        var sitePath = _folder.File("watchpost.json");
        await File.WriteAllTextAsync(sitePath, $$"""
            {
              "site": { "deviceId": "ops-e2e" },
              "mqtt": { "embeddedPort": 0, "users": [ { "username": "bms", "role": "controller", "password": "{{ControllerPassword}}" } ] },
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
              "console": { "listen": "http://127.0.0.1:{{FreePort.Tcp()}}" }
            }
            """);
        await using var app = ApplianceHost.Build(WatchpostOptionsLoader.Load(sitePath));
        await app.StartAsync();
        try
        {
            var broker = app.Services.GetRequiredService<Watchpost.Mqtt.EmbeddedMqttBroker>();
            await using var heard = await MqttTestSubscriber.ConnectAsync("127.0.0.1", broker.Port, Root + "/#", "bms", ControllerPassword);
            using var controller = new MqttClientFactory().CreateMqttClient();
            await controller.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials("bms", ControllerPassword).Build());

            Assert.True(app.Services.GetRequiredService<EventRecorder>().TryRecord(EventTestData.Candidate(trackId: 4)));
            var alert = await heard.WaitForAsync(m => m.Topic == Root + "/alerts", Timeout);
            Assert.NotNull(alert);
            var eventId = JsonDocument.Parse(alert.Payload).RootElement.GetProperty("event_id").GetString()!;

            async Task<JsonElement> CommandAsync(string verb, string payload)
            {
                await controller.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{Root}/cmd/{verb}").WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                var requestId = JsonDocument.Parse(payload).RootElement.GetProperty("request_id").GetString();
                var reply = await heard.WaitForAsync(m => m.Topic == $"{Root}/cmd/{verb}/result" && m.Payload.Contains(requestId!, StringComparison.Ordinal), Timeout);
                Assert.NotNull(reply);
                Assert.Empty(ContractSchemas.Errors("command-result", reply.Payload));
                return JsonDocument.Parse(reply.Payload).RootElement.Clone();
            }

            // A refused command changes nothing.
            var unknown = await CommandAsync("ack", """{"request_id":"x1","event_id":"0000000000000000000000000000abcd","operator":"guard-li"}""");
            Assert.False(unknown.GetProperty("ok").GetBoolean());
            Assert.Equal(EventState.New, (await app.Services.GetRequiredService<IEventStore>().GetAsync(eventId))!.State);

            var ack = await CommandAsync("ack", $$"""{"request_id":"a1","event_id":"{{eventId}}","operator":"guard-li","note":"on camera, going"}""");
            Assert.True(ack.GetProperty("ok").GetBoolean(), ack.ToString());
            var acknowledged = await heard.WaitForAsync(m => m.Topic == Root + "/events" && m.Payload.Contains("\"acknowledged_by\":\"guard-li\"", StringComparison.Ordinal), Timeout);
            Assert.NotNull(acknowledged);
            Assert.Empty(ContractSchemas.Errors("event-lifecycle", acknowledged.Payload));
            Assert.Equal("update", JsonDocument.Parse(acknowledged.Payload).RootElement.GetProperty("type").GetString());

            var resolve = await CommandAsync("resolve", $$"""{"request_id":"r1","event_id":"{{eventId}}","operator":"guard-li","note":"a resident's guest"}""");
            Assert.True(resolve.GetProperty("ok").GetBoolean(), resolve.ToString());
            Assert.NotNull(await heard.WaitForAsync(m => m.Topic == Root + "/events" && m.Payload.Contains("\"resolved_by\":\"guard-li\"", StringComparison.Ordinal), Timeout));

            var stored = (await app.Services.GetRequiredService<IEventStore>().GetAsync(eventId))!;
            Assert.Equal(EventState.Resolved, stored.State);
            Assert.Equal("guard-li", stored.AcknowledgedBy);
            Assert.Equal("guard-li", stored.ResolvedBy);
            var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(10, eventId);
            Assert.Equal(["resolve", "ack"], audit.Select(a => a.Action));
            Assert.All(audit, a => Assert.Equal(ChangeSource.Mqtt, a.Source));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
