package dev.fnkit.local.lambda;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Reads whole requests, with room above the 6 MB payload limit so that {@link RuntimeApiHandler} can answer an
 * oversized payload as Lambda does; a runtime response beyond even that still fails its invocation.
 */
final class RuntimeApiAggregator extends HttpObjectAggregator {
    private static final int MAX_CONTENT = LambdaRuntimeApiEmulator.MAX_PAYLOAD + 1024 * 1024;

    private final Invocations invocations;

    RuntimeApiAggregator(Invocations invocations) {
        super(MAX_CONTENT);
        this.invocations = invocations;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest request) {
            String id = RuntimeApiHandler.responseRequestId(request.uri());
            if (id != null) {
                invocations.responseTooLarge(id, HttpUtil.getContentLength(request, -1L));
            }
        }
        super.handleOversizedMessage(ctx, oversized);
    }
}
