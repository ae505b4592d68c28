using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImapMcp.Mcp.Internal;

/// <summary>Streamable HTTP requires <c>Authorization: Bearer &lt;token&gt;</c>; anything else gets 401 with a message saying where the token is.</summary>
internal static class BearerToken
{
    public static Func<HttpContext, RequestDelegate, Task> Require(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"imap-mcp\"";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(header.Length == 0
                ? "imap-mcp: this server needs 'Authorization: Bearer <token>'. The token was printed on the server's stderr when it started, or is in the variable named by --token-env.\n"
                : "imap-mcp: the bearer token is wrong. Use the one printed on the server's stderr when it started, or the value of the variable named by --token-env.\n").ConfigureAwait(false);
        };
    }
}
