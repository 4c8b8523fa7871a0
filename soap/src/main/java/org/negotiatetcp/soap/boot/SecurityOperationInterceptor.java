package org.negotiatetcp.soap.boot;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

import org.negotiatetcp.boot.security.NegotiateSecurityContext;
import org.negotiatetcp.soap.service.OperationInterceptor;
import org.negotiatetcp.soap.service.OperationInvocation;
import org.negotiatetcp.soap.session.StandardFaults;

/**
 * Runs each operation with the client's {@link Authentication} (the one the server's security bridge attached to the
 * channel) in the {@code SecurityContextHolder}, so {@code @PreAuthorize} and friends decide per operation; a reactive
 * operation sees it in the {@code ReactiveSecurityContextHolder} (the server's security decorator puts it in the
 * channel handler's Reactor context). {@link AccessDeniedException} becomes WCF's access denied fault
 * ({@link StandardFaults#accessDenied()}). Channels without an {@code Authentication} run unchanged.
 *
 * @author Negotiate TCP
 */
public final class SecurityOperationInterceptor implements OperationInterceptor {

	@Override
	public @Nullable Object intercept(OperationInvocation invocation) throws Exception {
		Object result;
		try {
			Authentication authentication = invocation.channel().attachment(Authentication.class);
			if (authentication != null) {
				result = NegotiateSecurityContext.callAs(authentication, invocation::proceed);
			}
			else {
				result = invocation.proceed();
			}
		}
		catch (AccessDeniedException ex) {
			throw StandardFaults.accessDenied();
		}
		if (result instanceof Publisher<?> publisher) {
			return Mono.from(publisher)
				.onErrorMap(AccessDeniedException.class, (ex) -> StandardFaults.accessDenied());
		}
		return result;
	}

}
