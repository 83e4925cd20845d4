package dev.fnkit.local.lambda;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Routes the Runtime API and invoke requests of one connection to {@link Invocations}. */
final class RuntimeApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String RUNTIME = "/2018-06-01/runtime/";
    private static final String INVOCATION = RUNTIME + "invocation/";
    private static final String FUNCTIONS = "/2015-03-31/functions/";
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.US_ASCII);

    private final LambdaRuntimeApiEmulator.Settings settings;
    private final Invocations invocations;

    RuntimeApiHandler(LambdaRuntimeApiEmulator.Settings settings, Invocations invocations) {
        this.settings = settings;
        this.invocations = invocations;
    }

    /** The request id of a {@code /invocation/{id}/response} path, or null. */
    static String responseRequestId(String uri) {
        String path = new QueryStringDecoder(uri).path();
        if (path.startsWith(INVOCATION) && path.endsWith("/response")) {
            return path.substring(INVOCATION.length(), path.length() - "/response".length());
        }
        return null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals(INVOCATION + "next") && method.equals(HttpMethod.GET)) {
            next(ctx, keepAlive);
        } else if (path.startsWith(INVOCATION) && method.equals(HttpMethod.POST)) {
            invocationResult(ctx, request, path.substring(INVOCATION.length()), keepAlive);
        } else if (path.equals(RUNTIME + "init/error") && method.equals(HttpMethod.POST)) {
            invocations.initFailed(ByteBufUtil.getBytes(request.content()), request.headers().get(ERROR_TYPE_HEADER));
            send(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED, keepAlive);
        } else if (path.startsWith(FUNCTIONS) && path.endsWith("/invocations") && method.equals(HttpMethod.POST)) {
            invoke(ctx, request, keepAlive);
        } else {
            send(ctx, HttpResponseStatus.NOT_FOUND, ErrorJson.of("InvalidRequest", method + " " + path
                    + " is not part of the Lambda Runtime API or the invoke API"), keepAlive);
        }
    }

    private void next(ChannelHandlerContext ctx, boolean keepAlive) {
        Poll poll = new Poll(ctx, keepAlive);
        ctx.channel().closeFuture().addListener(poll);
        invocations.next(poll);
    }

    /** A runtime's {@code /next} request, answered when an invocation is handed over; forgotten if it hangs up. */
    private final class Poll implements Invocations.Waiter, GenericFutureListener<Future<? super Void>> {
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;

        Poll(ChannelHandlerContext ctx, boolean keepAlive) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
        }

        @Override
        public boolean deliver(Invocations.Invocation invocation) {
            ctx.channel().closeFuture().removeListener(this);
            if (!ctx.channel().isActive()) {
                return false;
            }
            FullHttpResponse response = response(HttpResponseStatus.OK, invocation.payload);
            response.headers()
                    .set("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
                    .set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis))
                    .set("Lambda-Runtime-Invoked-Function-Arn", settings.functionArn())
                    .set("Lambda-Runtime-Trace-Id", invocation.traceHeader);
            if (invocation.clientContext != null) {
                response.headers().set("Lambda-Runtime-Client-Context", invocation.clientContext);
            }
            write(ctx, response, keepAlive);
            return true;
        }

        @Override
        public void operationComplete(Future<? super Void> closed) {
            invocations.cancel(this);
        }
    }

    private void invocationResult(ChannelHandlerContext ctx, FullHttpRequest request, String rest, boolean keepAlive) {
        int slash = rest.indexOf('/');
        String requestId = slash < 0 ? rest : rest.substring(0, slash);
        String action = slash < 0 ? "" : rest.substring(slash + 1);
        byte[] body = ByteBufUtil.getBytes(request.content());
        boolean known;
        if (action.equals("response")) {
            if (body.length > LambdaRuntimeApiEmulator.MAX_PAYLOAD) {
                invocations.responseTooLarge(requestId, body.length);
                send(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorJson.of("RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (" + LambdaRuntimeApiEmulator.MAX_PAYLOAD
                                + " bytes)."), keepAlive);
                return;
            }
            known = invocations.respond(requestId, body);
        } else if (action.equals("error")) {
            known = invocations.fail(requestId, body, request.headers().get(ERROR_TYPE_HEADER));
        } else {
            send(ctx, HttpResponseStatus.NOT_FOUND, ErrorJson.of("InvalidRequest", "Unknown invocation action '"
                    + action + "'"), keepAlive);
            return;
        }
        if (known) {
            send(ctx, HttpResponseStatus.ACCEPTED, ACCEPTED, keepAlive);
        } else {
            send(ctx, HttpResponseStatus.BAD_REQUEST, ErrorJson.of("InvalidRequestID", "Request " + requestId
                    + " is not running (it may have timed out)"), keepAlive);
        }
    }

    private void invoke(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        if (request.content().readableBytes() > LambdaRuntimeApiEmulator.MAX_PAYLOAD) {
            FullHttpResponse tooLarge = response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorJson.of(
                    "RequestEntityTooLargeException", "Request must be smaller than "
                            + LambdaRuntimeApiEmulator.MAX_PAYLOAD + " bytes for the InvokeFunction operation"));
            tooLarge.headers().set("X-Amzn-ErrorType", "RequestEntityTooLargeException");
            write(ctx, tooLarge, keepAlive);
            return;
        }
        String type = request.headers().get("X-Amz-Invocation-Type", "RequestResponse");
        if (type.equals("DryRun")) {
            send(ctx, HttpResponseStatus.NO_CONTENT, new byte[0], keepAlive);
            return;
        }
        Invocations.Invocation invocation = invocations.submit(ByteBufUtil.getBytes(request.content()),
                request.headers().get("X-Amzn-Trace-Id"), clientContext(request.headers().get("X-Amz-Client-Context")));
        if (type.equals("Event")) {
            FullHttpResponse accepted = response(HttpResponseStatus.ACCEPTED, new byte[0]);
            accepted.headers().set("X-Amzn-RequestId", invocation.requestId);
            write(ctx, accepted, keepAlive);
            return;
        }
        invocation.result.whenComplete((result, failure) -> {
            FullHttpResponse response = response(HttpResponseStatus.OK, result.payload());
            response.headers().set("X-Amzn-RequestId", invocation.requestId).set("X-Amz-Executed-Version", "$LATEST");
            if (result.failed()) {
                response.headers().set("X-Amz-Function-Error", result.functionError());
            }
            write(ctx, response, keepAlive);
        });
    }

    private static String clientContext(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
        write(ctx, response(status, body), keepAlive);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
