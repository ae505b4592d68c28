namespace TestHarness;

/// <summary>A harness could not start, reach or stop its server; the message says why and what to do.</summary>
public sealed class HarnessException : Exception
{
    public HarnessException(string message) : base(message) { }

    public HarnessException(string message, Exception innerException) : base(message, innerException) { }
}
