package org.negotiatetcp.boot.autoconfigure;

import org.springframework.util.ClassUtils;

import org.negotiatetcp.boot.security.SecurityContextChannelHandler;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * Wraps the application's handler in a {@link SecurityContextChannelHandler} when Spring Security is on the class
 * path, without loading Spring Security classes otherwise.
 *
 * @author Negotiate TCP
 */
final class SecurityHandlerSupport {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder",
			SecurityHandlerSupport.class.getClassLoader());

	private SecurityHandlerSupport() {
	}

	static NegotiateChannelHandler decorate(NegotiateChannelHandler handler) {
		return SECURITY_PRESENT ? Decorator.decorate(handler) : handler;
	}

	private static final class Decorator {

		static NegotiateChannelHandler decorate(NegotiateChannelHandler handler) {
			return (handler instanceof SecurityContextChannelHandler) ? handler
					: new SecurityContextChannelHandler(handler);
		}

	}

}
