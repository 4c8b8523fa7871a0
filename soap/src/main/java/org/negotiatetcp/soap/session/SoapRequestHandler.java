package org.negotiatetcp.soap.session;

import reactor.core.publisher.Mono;

/**
 * What a {@link SoapSession} does with a received request (a message that relates to no request of its own).
 */
@FunctionalInterface
public interface SoapRequestHandler {

	/**
	 * Handle a request. Called on the channel's event loop: move blocking work elsewhere (the returned {@code Mono}
	 * is subscribed at once).
	 * @param request the request
	 * @param session the session it arrived on
	 * @return the reply to send back ({@link SoapReply}), or empty for a one-way message; an error that is a
	 * {@link org.negotiatetcp.soap.SoapFaultException} is sent as that fault, any other error as a
	 * {@code s:Receiver} fault without detail
	 */
	Mono<SoapReply> handle(SoapMessage request, SoapSession session);

}
