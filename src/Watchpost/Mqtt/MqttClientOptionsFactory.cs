using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Watchpost.Mqtt;

/// <summary>
/// The MQTTnet client options for a broker endpoint: address, credentials, MQTT 5, TLS with the site's CA file.
/// The one builder of them: the appliance's <see cref="MqttConnection"/> and <c>watchpost mqtt test</c> both
/// connect with it, so what the test proves is what the service does. With mqtt.caFile, the broker's certificate
/// must chain to the file's CAs (only those) and carry the host's name; why one was refused is kept in
/// <see cref="TlsProblem"/> for the connect error.
/// </summary>
public sealed class MqttClientOptionsFactory : IDisposable
{
    private readonly X509Certificate2Collection? _caCertificates;

    public MqttClientOptionsFactory(MqttBrokerEndpoint broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        Broker = broker;
        _caCertificates = broker is { UseTls: true, CaFile: not null } ? broker.LoadCaCertificates() : null;
    }

    public MqttBrokerEndpoint Broker { get; }

    /// <summary>Why the last TLS handshake refused the broker's certificate, or null.</summary>
    public string? TlsProblem { get; private set; }

    /// <param name="willTopic">The retained "offline" last will's topic (the appliance's availability), or null for none.</param>
    public MqttClientOptions Build(string clientId, TimeSpan keepAlive, TimeSpan timeout, string? willTopic)
    {
        TlsProblem = null;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Broker.Host, Broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(keepAlive)
            .WithTimeout(timeout);
        if (willTopic is not null)
        {
            builder = builder.WithWillTopic(willTopic)
                .WithWillPayload("offline")
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (Broker.Username is not null)
        {
            builder = builder.WithCredentials(Broker.Username, Broker.Password);
        }

        if (Broker.UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(Broker.Host);
                if (_caCertificates is not null)
                {
                    tls.WithCertificateValidationHandler(ValidateAgainstCaFile);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Forgets the last refusal (before a new connect).</summary>
    public void ResetTlsProblem() => TlsProblem = null;

    public void Dispose()
    {
        foreach (var ca in _caCertificates ?? [])
        {
            ca.Dispose();
        }
    }

    private bool ValidateAgainstCaFile(MqttClientCertificateValidationEventArgs args)
    {
        if (args.Certificate is null)
        {
            TlsProblem = "the broker sent no certificate";
            return false;
        }

        if (args.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            TlsProblem = $"the broker's certificate is not issued to '{Broker.Host}'";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_caCertificates!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (args.Chain is not null)
        {
            foreach (var element in args.Chain.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);   // intermediates the broker sent
            }
        }

        using var certificate = X509CertificateLoader.LoadCertificate(args.Certificate.GetRawCertData());
        if (chain.Build(certificate))
        {
            TlsProblem = null;
            return true;
        }

        var status = string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        TlsProblem = $"the broker's certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to the CA in mqtt.caFile '{Broker.CaFile}': {status}";
        return false;
    }
}
