using KdFamily.Domain.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KdFamily.Graph.Email;

/// <summary>Sends over SMTP with MailKit, one connection per batch (re-opened if the server drops it mid-batch).</summary>
public sealed class SmtpEmailTransport(IOptions<SmtpOptions> options) : IEmailTransport
{
    public bool LogsOnly => false;

    public async Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new Connection(options.Value);
        try
        {
            await connection.ConnectAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The MIME message of <paramref name="email"/>: plain text and HTML as multipart/alternative.</summary>
    public static MimeMessage ToMimeMessage(OutboundEmail email, SmtpOptions settings)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(settings);
        var from = new MailboxAddress(settings.FromName, settings.FromAddress);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Body = new BodyBuilder { TextBody = email.Body, HtmlBody = email.HtmlBody }.ToMessageBody(),

            // The same id on every attempt: a receiver that got a mail twice (at least once) can tell.
            MessageId = $"{email.Id:N}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    private sealed class Connection(SmtpOptions settings) : IEmailConnection
    {
        private readonly SmtpClient _client = new() { Timeout = (int)settings.Timeout.TotalMilliseconds };

        public async Task ConnectAsync(CancellationToken cancellationToken)
        {
            var security = settings.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await _client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await _client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }

        public async Task SendAsync(OutboundEmail email, CancellationToken cancellationToken)
        {
            if (!_client.IsConnected)
            {
                await ConnectAsync(cancellationToken);
            }

            await _client.SendAsync(ToMimeMessage(email, settings), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The mails are sent; a QUIT the server did not answer changes nothing.
            }
            finally
            {
                _client.Dispose();
            }
        }
    }
}
