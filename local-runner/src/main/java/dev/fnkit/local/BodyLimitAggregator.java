package dev.fnkit.local;

import dev.fnkit.core.Problem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads each request whole, refusing a body over the limit with a 413 problem instead of Netty's bare 413 (and an
 * expectation other than {@code 100-continue} with a 417 problem instead of Netty's bare 417). Like
 * Netty, it keeps a keep-alive connection open (discarding the rest of the oversized body) and closes any other. A
 * chunked body arrives with its length in {@code Content-Length}.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BodyLimitAggregator(int maxBodyBytes) {
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse full && full.status().code() == 413) {
            ReferenceCountUtil.release(full);
            return tooLarge(false);
        }
        if (response instanceof FullHttpResponse full && full.status().code() == 417) {
            ReferenceCountUtil.release(full);
            return NettyMessages.problem(new Problem(417, "expectation-failed",
                    "The server only supports the expectation 100-continue", null), false);
        }
        return response;
    }

    /** Leaves a request without a body as the client sent it, instead of adding {@code Content-Length: 0}. */
    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        boolean declared = HttpUtil.isContentLengthSet(aggregated);
        super.finishAggregation(aggregated);
        if (!declared && !aggregated.content().isReadable()) {
            aggregated.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof io.netty.handler.codec.http.HttpRequest)) {
            ctx.close();
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        FullHttpResponse response = tooLarge(close);
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private FullHttpResponse tooLarge(boolean close) {
        FullHttpResponse response = NettyMessages.problem(new Problem(413, "body-too-large",
                "The request body is larger than the limit of " + maxBodyBytes + " bytes", null), false);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
