package org.negotiatetcp.channel;

import java.util.function.Consumer;

import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * Runs the application's {@link NegotiateChannelHandler} on a newly opened server session and reports, on the
 * channel's event loop, when it is done (completed or failed), so the session can end with End/End.
 */
final class SessionLauncher {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private final NegotiateChannelHandler handler;

	SessionLauncher(NegotiateChannelHandler handler) {
		this.handler = handler;
	}

	/**
	 * Run the handler on a session.
	 * @param ctx the session handler's context
	 * @param session the open session
	 * @param done called on the event loop when the handler completed or failed
	 */
	void launch(ChannelHandlerContext ctx, ChannelSession session, Consumer<ChannelSession> done) {
		Flux.from(this.handler.handle(session)).subscribe(null, (error) -> ctx.executor().execute(() -> {
			if (error instanceof NegotiateException ne && ne.reason() == FailureReason.CONNECTION) {
				// the client went away; its own failure was logged where it happened
				logger.debug("Handler ended for {} ({}): {}", ctx.channel().remoteAddress(),
						UntrustedText.safe(session.securityInfo().peerName()), UntrustedText.safe(error.toString(), UntrustedText.MAX_MESSAGE_LENGTH));
			}
			else {
				// the handler's exception may quote what the peer sent, and the peer name is the peer's text
				logger.warn("Handler failed for {} ({}): {}", ctx.channel().remoteAddress(),
						UntrustedText.safe(session.securityInfo().peerName()), UntrustedText.safe(error.toString(), UntrustedText.MAX_MESSAGE_LENGTH));
			}
			done.accept(session);
		}), () -> ctx.executor().execute(() -> done.accept(session)));
	}

}
