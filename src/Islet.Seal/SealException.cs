namespace Islet.Seal;

/// <summary>Why an image cannot be sealed: a bad input, a missing tool or a failed step. The message is one line.</summary>
public sealed class SealException(string message) : Exception(message);
