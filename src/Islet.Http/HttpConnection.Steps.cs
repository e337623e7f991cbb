using System.Buffers;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http;

public sealed partial class HttpConnection
{
    private enum StepResult : byte { NeedMoreData, RequestReady, Failed, BodyReady }

    private enum BodyFraming : byte { None, Length, Chunked }

    /// <summary>Where the connection is inside the current request; survives awaits.</summary>
    private struct ConnectionState
    {
        public HttpRequestReaderState Head;
        public bool InHead;          // bytes of a head have arrived
        public long HeadDeadline;
        public BodyFraming Body;
        public long BodyRemaining;
        public ChunkedBodyDecoder Chunked;

        public readonly bool InRequest => InHead || Body != BodyFraming.None;
    }

    /// <summary>
    /// Advances through the head and body of the current request using <paramref name="pending"/>.
    /// On a malformed request the error response is written and the result is Failed.
    /// </summary>
    private StepResult Step(ref ConnectionState state, ref ReadOnlySequence<byte> pending)
    {
        if (state.Body == BodyFraming.None)
        {
            if (pending.IsEmpty) return StepResult.NeedMoreData;
            if (!state.InHead)
            {
                state.InHead = true;
                state.HeadDeadline = _loop.NowNanoseconds + ToNanoseconds(_options.RequestHeadTimeout);
                _request.Reset();
            }
            var handler = new HttpRequestHeadHandler(_request);
            var reader = new HttpRequestReader(pending, state.Head, _limits);
            var status = reader.ReadHead(ref handler);
            pending = pending.Slice(reader.Consumed);
            state.Head = reader.CurrentState;
            if (status == HttpParseStatus.NeedMoreData) return StepResult.NeedMoreData;
            if (status == HttpParseStatus.Error)
            {
                WriteError(reader.Error);
                return StepResult.Failed;
            }

            state.Head = default;
            state.InHead = false;
            if (!_request.HasBody) return StepResult.RequestReady;
            state.Body = _request.IsChunked ? BodyFraming.Chunked : BodyFraming.Length;
            state.BodyRemaining = _request.ContentLength;
            state.Chunked = default;
            // RFC 9110 10.1.1: invite the body unless it is already arriving.
            if (_request.ExpectsContinue && pending.IsEmpty) _response.WriteContinue();
            if (_handler is IHttpBodyHandler) return StepResult.BodyReady;
        }

        var error = HttpParseError.None;
        var bodyStatus = state.Body == BodyFraming.Length
            ? SkipLengthBody(ref state, ref pending)
            : SkipChunkedBody(ref state, ref pending, out error);
        if (bodyStatus == HttpBodyStatus.NeedMoreData) return StepResult.NeedMoreData;
        state.Body = BodyFraming.None;
        if (bodyStatus == HttpBodyStatus.Error)
        {
            WriteError(error);
            return StepResult.Failed;
        }
        return StepResult.RequestReady;
    }

    private static HttpBodyStatus SkipLengthBody(ref ConnectionState state, ref ReadOnlySequence<byte> pending)
    {
        long take = Math.Min(state.BodyRemaining, pending.Length);
        pending = pending.Slice(take);
        state.BodyRemaining -= take;
        return state.BodyRemaining == 0 ? HttpBodyStatus.Complete : HttpBodyStatus.NeedMoreData;
    }

    private HttpBodyStatus SkipChunkedBody(ref ConnectionState state, ref ReadOnlySequence<byte> pending, out HttpParseError error)
    {
        var reader = new SequenceReader<byte>(pending);
        HttpBodyStatus status;
        do
        {
            status = state.Chunked.Decode(ref reader, _options.MaxRequestBodySize, _options.MaxHeaderBytes, out _, out error);
        }
        while (status == HttpBodyStatus.Data);
        pending = pending.Slice(reader.Position);
        return status;
    }
}
