namespace Belonging.Formats;

/// <summary>Reads uploads without trusting their declared length.</summary>
internal static class BoundedStream
{
    /// <summary>Reads the whole stream, or returns null as soon as it holds more than <paramref name="max"/> bytes.</summary>
    public static byte[]? ReadAll(Stream content, long max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
