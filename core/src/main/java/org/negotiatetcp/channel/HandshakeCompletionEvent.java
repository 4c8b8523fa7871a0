package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.SecurityInfo;

/**
 * The outcome of one [MS-NNS] handshake, fired by the {@link NegotiateStreamHandler} to the handlers after it, as
 * Netty's {@code SslHandler} fires its {@code SslHandshakeCompletionEvent}. On success the stream is protected from
 * now on; on failure the handler has answered the peer (where [MS-NNS] allows) and closes the connection.
 * @param securityInfo the authenticated peer, or {@code null} if the handshake failed before the peer was
 * authenticated
 * @param authorization what the server's {@link SessionAuthorizer} attached, or {@code null}
 * @param cause why the handshake failed, or {@code null} on success
 */
record HandshakeCompletionEvent(@Nullable SecurityInfo securityInfo, @Nullable Object authorization,
		@Nullable Throwable cause) {

	static HandshakeCompletionEvent success(SecurityInfo securityInfo, @Nullable Object authorization) {
		return new HandshakeCompletionEvent(securityInfo, authorization, null);
	}

	static HandshakeCompletionEvent failure(@Nullable SecurityInfo securityInfo, Throwable cause) {
		return new HandshakeCompletionEvent(securityInfo, null, cause);
	}

	/**
	 * Whether the handshake succeeded and the peer was accepted.
	 * @return {@code true} on success
	 */
	boolean isSuccess() {
		return this.cause == null;
	}

	/**
	 * Return the authenticated peer of a successful handshake.
	 * @return the security information
	 */
	SecurityInfo requireSecurityInfo() {
		SecurityInfo info = this.securityInfo;
		if (info == null) {
			throw new IllegalStateException("the handshake failed: " + this.cause);
		}
		return info;
	}

}
