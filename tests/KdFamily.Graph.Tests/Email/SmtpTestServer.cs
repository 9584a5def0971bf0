using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace KdFamily.Graph.Tests.Email;

/// <summary>A real SMTP server (netDumbster) on a loopback port, and the mails it received, parsed with MimeKit.</summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly SimpleSmtpServer _server;

    /// <summary>Listens on <paramref name="port"/>, or on a free one.</summary>
    public SmtpTestServer(int? port = null)
    {
        Port = port ?? FreePort();
        _server = SimpleSmtpServer.Start(Port);
    }

    public int Port { get; }

    /// <summary>Every mail received so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    /// <summary>A loopback port nothing listens on (for a server that is down).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The one mail to <paramref name="to"/>, waiting for it (polls every 50 ms, fails after 20 s).</summary>
    public async Task<MimeMessage> WaitForMailToAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mails = Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (mails.Count > 0)
            {
                return Assert.Single(mails);
            }

            Assert.True(DateTime.UtcNow < deadline, $"no mail to {to} reached the SMTP server within 20 s");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _server.Dispose();
}
