using System.Text.Json.Serialization;

namespace Returns.Ingest;

/// <summary>Written by name in JSON ("Published"), so API callers need no table of numbers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngestStatus>))]
public enum IngestStatus { Published, Rejected, AlreadyDone }

/// <summary>What happened to one input: every input ends as one of these, none vanishes.</summary>
public sealed record IngestResult(string SourceName, string ImageId, IngestStatus Status, string? Reason = null, string? Detail = null);
