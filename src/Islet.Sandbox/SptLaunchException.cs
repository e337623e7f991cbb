namespace Islet.Sandbox;

/// <summary>The launcher cannot start the image; the message is one line for the user.</summary>
public sealed class SptLaunchException(string message) : Exception(message);
