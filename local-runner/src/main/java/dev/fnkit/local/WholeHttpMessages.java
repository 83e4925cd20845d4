package dev.fnkit.local;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits in front of an {@link io.netty.handler.codec.http.HttpObjectAggregator} and makes a message whose head is
 * followed at once by its last content (a request without a body, a small response read in one go: nearly every
 * message) into a full message itself, sharing the content's buffer, so that the aggregator passes it through instead
 * of copying it into a composite buffer of its own. Anything else (a body in several pieces, over {@code maxContent}
 * bytes, chunked, with an {@code Expect} header, a failed decode, a message after which the decoder emits nothing at
 * once) reaches the aggregator unchanged and in order.
 */
final class WholeHttpMessages extends ChannelInboundHandlerAdapter {
    private final int maxContent;
    private HttpMessage head;

    /** @param maxContent the largest body made whole here; the aggregator's own limit should be at least as large */
    WholeHttpMessages(int maxContent) {
        this.maxContent = maxContent;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        HttpMessage held = head;
        if (held != null) {
            head = null;
            if (message instanceof LastHttpContent last && last.decoderResult().isSuccess()
                    && last.content().readableBytes() <= maxContent && last.trailingHeaders().isEmpty()) {
                ctx.fireChannelRead(whole(held, last));
                return;
            }
            ctx.fireChannelRead(held);
        }
        if (message instanceof HttpMessage start && !(message instanceof FullHttpMessage)
                && start.decoderResult().isSuccess() && !start.headers().contains(HttpHeaderNames.EXPECT)
                && !start.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            head = start;
            return;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        HttpMessage held = head;
        if (held != null) {
            head = null;
            ctx.fireChannelRead(held);
        }
        ctx.fireChannelReadComplete();
    }

    /** The whole message; like the aggregator, it gives a body without a declared length its length. */
    private static FullHttpMessage whole(HttpMessage head, LastHttpContent last) {
        if (last.content().isReadable() && !HttpUtil.isContentLengthSet(head)) {
            HttpUtil.setContentLength(head, last.content().readableBytes());
        }
        if (head instanceof HttpRequest request) {
            return new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                    last.content(), request.headers(), last.trailingHeaders());
        }
        HttpResponse response = (HttpResponse) head;
        return new DefaultFullHttpResponse(response.protocolVersion(), response.status(), last.content(),
                response.headers(), last.trailingHeaders());
    }
}
