package org.negotiatetcp.channel;

import org.reactivestreams.Publisher;

/**
 * What a server does with each authenticated channel. The handler runs after authentication: it never sees a byte
 * from an unauthenticated client. When the returned publisher completes, the server ends the session gracefully.
 */
@FunctionalInterface
public interface NegotiateChannelHandler {

	/**
	 * Handle one authenticated channel.
	 * @param channel the channel, with the client's identity in {@link NegotiateChannel#securityInfo()}
	 * @return completes when the handler is done with the channel
	 */
	Publisher<Void> handle(NegotiateChannel channel);

}
