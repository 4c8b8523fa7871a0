package org.negotiatetcp.boot.context;

import org.springframework.context.ApplicationEvent;

import org.negotiatetcp.channel.DisposableNegotiateServer;

/**
 * Published when the Negotiate TCP server listens, for example to learn the port it picked.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateServerInitializedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the event.
	 * @param server the running server
	 */
	public NegotiateServerInitializedEvent(DisposableNegotiateServer server) {
		super(server);
	}

	/**
	 * Return the running server.
	 * @return the server
	 */
	public DisposableNegotiateServer getServer() {
		return (DisposableNegotiateServer) getSource();
	}

}
