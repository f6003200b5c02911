using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>
/// Every line the site logs, kept in memory: added to the running site's <see cref="ILoggerFactory"/>, so it sees what
/// the site's own filters let through (the site's <c>Logging</c> settings and its code filters).
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>Gets the lines logged so far, oldest first.</summary>
    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), exception));
    }
}

/// <summary>One captured log line.</summary>
/// <param name="Category">The logger's category, such as <c>Microsoft.AspNetCore.Identity.UserManager</c>.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <inheritdoc />
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}{(Exception is null ? string.Empty : " " + Exception.GetType().Name + ": " + Exception.Message)}";
}
