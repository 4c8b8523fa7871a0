package org.negotiatetcp.soap.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.server.NegotiateRoutes;
import org.negotiatetcp.boot.server.NegotiateRoutingException;
import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.soap.client.SoapClientOptions;
import org.negotiatetcp.soap.service.OperationInterceptor;
import org.negotiatetcp.soap.service.SoapService;
import org.negotiatetcp.soap.service.SoapServiceHandler;

/**
 * SOAP services and clients in a Spring Boot application.
 * <ul>
 * <li>Every {@link SoapService} bean is served: beans with the same {@link NegotiateVia} patterns share one
 * {@link SoapServiceHandler}, contributed as a {@link NegotiateRoutes} bean that the server's auto-configuration
 * merges with the application's other handlers; a {@code @SoapService} without {@code @NegotiateVia} serves
 * {@code /**}. Each operation runs with the {@link OperationInterceptor} bean (with Spring Security: the client's
 * {@code Authentication} in the security context, access denied as WCF's access denied fault).</li>
 * <li>With {@code negotiate.tcp.client.endpoints}: a {@link SoapContractClients} bean.</li>
 * </ul>
 * Registered before the server's and the security bridge's auto-configurations (both are active only when a handler
 * or routes bean is registered) and after the client's.
 *
 * @author Negotiate TCP
 */
@AutoConfiguration(before = { NegotiateServerAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class },
		after = NegotiateClientAutoConfiguration.class)
@EnableConfigurationProperties(SoapProperties.class)
public final class SoapAutoConfiguration {

	@Bean
	@ConditionalOnBean(annotation = SoapService.class)
	NegotiateRoutes soapServiceRoutes(ConfigurableListableBeanFactory beanFactory, SoapProperties properties,
			ObjectProvider<OperationInterceptor> interceptor) {
		Map<List<String>, List<String>> beansByVias = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanNamesForAnnotation(SoapService.class)) {
			NegotiateVia via = beanFactory.findAnnotationOnBean(name, NegotiateVia.class);
			List<String> patterns = (via != null) ? Arrays.stream(via.value()).sorted().toList() : List.of("/**");
			beansByVias.computeIfAbsent(patterns, (key) -> new ArrayList<>()).add(name);
		}
		NegotiateRoutes.Builder routes = NegotiateRoutes.builder();
		beansByVias.forEach((patterns, names) -> {
			SoapServiceHandler.Builder handler = SoapServiceHandler.builder()
				.quotas(properties.toQuotas())
				.interceptor(interceptor.getIfUnique(() -> OperationInterceptor.NONE));
			try {
				names.forEach((name) -> handler.service(beanFactory.getBean(name)));
				routes.route(handler.build(), "SOAP services " + names, patterns.toArray(String[]::new));
			}
			catch (IllegalArgumentException ex) {
				throw new NegotiateRoutingException("The SOAP services " + names + " on the vias " + patterns
						+ " cannot be served: " + ex.getMessage(), "Fix the service contracts of " + names
								+ " or serve them on different vias with @NegotiateVia");
			}
		});
		return routes.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(NegotiateEndpoints.class)
	SoapContractClients soapContractClients(NegotiateEndpoints endpoints, SoapProperties properties) {
		return new SoapContractClients(endpoints,
				new SoapClientOptions(properties.toQuotas(), properties.getOperationTimeout()));
	}

	/**
	 * The Spring Security bridge of operations.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.security.core.Authentication",
			"org.negotiatetcp.boot.security.NegotiateSecurityContext" })
	static class SecurityInterceptorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OperationInterceptor soapSecurityOperationInterceptor() {
			return new SecurityOperationInterceptor();
		}

	}

}
