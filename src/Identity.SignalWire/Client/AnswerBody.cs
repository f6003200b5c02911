using System.Buffers;
using System.Text;

namespace Identity.SignalWire;

/// <summary>
/// Reads the body of an answer as UTF-8 bytes, whatever charset it names, up to <see cref="MaxBytes"/>. SignalWire's
/// bodies are a few hundred bytes of JSON; anything that cannot be read this way did not come from SignalWire's API,
/// and the caller treats it as the service being unavailable, never as an answer.
/// </summary>
internal static class AnswerBody
{
    /// <summary>The largest body read: 64 KiB, a hundred times SignalWire's largest error body.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly byte[] Utf8Preamble = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads <paramref name="content"/>. Returns the body in UTF-8, or <see langword="null"/> and why it could not be
    /// read. Network failures and cancellation are left to the caller, who already tells them apart.
    /// </summary>
    public static async Task<(byte[]? Utf8, string? Problem)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var encoding = EncodingOf(content.Headers.ContentType?.CharSet);
        if (encoding is null)
        {
            // The name alone: a charset is not a secret, and it tells the operator which proxy answered.
            return (null, $"its Content-Type names the charset '{Shorten(content.Headers.ContentType?.CharSet)}', which is unknown");
        }

        if (content.Headers.ContentLength > MaxBytes)
        {
            return (null, $"its body is larger than {MaxBytes / 1024} KiB");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > MaxBytes)
                    {
                        return (null, $"its body is larger than {MaxBytes / 1024} KiB");
                    }
                }

                return (ToUtf8(encoding, buffer.AsSpan(0, length)), null);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Null for a charset .NET does not know; UTF-8 when none is named, as JSON is UTF-8 (RFC 8259).
    private static Encoding? EncodingOf(string? charset)
    {
        var name = charset?.Trim().Trim('"');
        if (string.IsNullOrEmpty(name) || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[] ToUtf8(Encoding encoding, ReadOnlySpan<byte> body)
    {
        if (encoding.CodePage == Encoding.UTF8.CodePage)
        {
            return body.StartsWith(Utf8Preamble) ? body[Utf8Preamble.Length..].ToArray() : body.ToArray();
        }

        // Invalid bytes become U+FFFD, which no JSON reader mistakes for SignalWire's fields.
        return Encoding.UTF8.GetBytes(encoding.GetString(body));
    }

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? string.Empty;
}
