package org.negotiatetcp.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

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

	private static final String SECURITY_CLASS = "org.springframework.security.core.context.ReactiveSecurityContextHolder";

	private SecurityHandlerSupport() {
	}

	static NegotiateChannelHandler decorate(NegotiateChannelHandler handler, @Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(SECURITY_CLASS, classLoader) ? Decorator.decorate(handler) : handler;
	}

	private static final class Decorator {

		static NegotiateChannelHandler decorate(NegotiateChannelHandler handler) {
			return (handler instanceof SecurityContextChannelHandler) ? handler
					: new SecurityContextChannelHandler(handler);
		}

	}

}
