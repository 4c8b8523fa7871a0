package org.negotiatetcp.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import org.negotiatetcp.boot.server.NegotiateRoutes;
import org.negotiatetcp.boot.server.NegotiateRoutingException;
import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * Decides which handler the server runs from the application's {@link NegotiateChannelHandler} beans (with or without
 * {@link NegotiateVia}) and {@link NegotiateRoutes} beans. Either one handler serves every via (no mapping at all), or
 * every handler is mapped; anything else fails with a {@link NegotiateRoutingException} naming the beans.
 *
 * @param handler the handler the server runs: the single handler, or the routes' dispatcher
 * @param routes the merged routes, or {@code null} when one handler serves every via
 * @author Negotiate TCP
 */
record NegotiateServerHandlers(NegotiateChannelHandler handler, @Nullable NegotiateRoutes routes) {

	static NegotiateServerHandlers from(ConfigurableListableBeanFactory beanFactory) {
		NegotiateRoutes.Builder builder = NegotiateRoutes.builder();
		Set<NegotiateChannelHandler> routed = Collections.newSetFromMap(new IdentityHashMap<>());
		List<String> routeBeans = new ArrayList<>();
		for (Map.Entry<String, NegotiateRoutes> entry : beanFactory.getBeansOfType(NegotiateRoutes.class)
			.entrySet()) {
			builder.routes(entry.getValue());
			routed.addAll(entry.getValue().handlers());
			routeBeans.add(entry.getKey());
		}
		Map<String, NegotiateChannelHandler> unmapped = new LinkedHashMap<>();
		List<String> mapped = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(NegotiateChannelHandler.class)) {
			NegotiateVia via = beanFactory.findAnnotationOnBean(name, NegotiateVia.class);
			NegotiateChannelHandler handler = beanFactory.getBean(name, NegotiateChannelHandler.class);
			if (via != null) {
				try {
					builder.route(handler, "bean '" + name + "'", via.value());
				}
				catch (IllegalArgumentException ex) {
					throw new NegotiateRoutingException("The @NegotiateVia of bean '" + name + "' is invalid: "
							+ ex.getMessage(), "Fix the via pattern of bean '" + name + "'");
				}
				mapped.add(name);
			}
			else if (!routed.contains(handler)) {
				unmapped.put(name, handler);
			}
		}
		NegotiateRoutes routes = builder.build();
		if (routes.isEmpty()) {
			return new NegotiateServerHandlers(single(beanFactory, unmapped), null);
		}
		if (!unmapped.isEmpty()) {
			List<String> withVias = new ArrayList<>(mapped);
			routeBeans.forEach((name) -> withVias.add("the NegotiateRoutes bean '" + name + "'"));
			throw new NegotiateRoutingException("The Negotiate TCP server cannot tell which vias the handler "
					+ describe(unmapped.keySet()) + " serves: it has no @NegotiateVia, while "
					+ String.join(", ", withVias) + " map vias to handlers",
					"Annotate " + describe(unmapped.keySet()) + " with @NegotiateVia(\"/path\") (@NegotiateVia(\"/**\") "
							+ "serves every via no other handler serves), add it to a NegotiateRoutes bean, or remove it");
		}
		return new NegotiateServerHandlers(routes.dispatcher(), routes);
	}

	private static NegotiateChannelHandler single(ConfigurableListableBeanFactory beanFactory,
			Map<String, NegotiateChannelHandler> handlers) {
		if (handlers.size() == 1) {
			return handlers.values().iterator().next();
		}
		List<String> primary = handlers.keySet()
			.stream()
			.filter((name) -> beanFactory.containsBeanDefinition(name) && beanFactory.getBeanDefinition(name).isPrimary())
			.toList();
		if (primary.size() == 1) {
			return handlers.get(primary.get(0));
		}
		throw new NegotiateRoutingException("The Negotiate TCP server has " + handlers.size()
				+ " NegotiateChannelHandler beans and no via mapping, so it cannot tell which one serves a client: "
				+ describe(handlers.keySet()),
				"Bind each handler to its vias with @NegotiateVia(\"/path\") on the bean (or a NegotiateRoutes bean), "
						+ "mark the one that serves every via @Primary, or define a single NegotiateChannelHandler bean");
	}

	private static String describe(Set<String> names) {
		return names.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", "));
	}

}
