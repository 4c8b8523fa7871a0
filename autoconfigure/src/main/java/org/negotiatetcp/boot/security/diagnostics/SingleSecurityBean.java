package org.negotiatetcp.boot.security.diagnostics;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Looks up the one bean of a type the server uses a single instance of: none is fine (the caller has a default),
 * several resolve to the {@code @Primary} one, several without a primary fail with an
 * {@link AmbiguousSecurityBeanException} that names them.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class SingleSecurityBean {

	private SingleSecurityBean() {
	}

	/**
	 * Return the single (or primary) bean of a type.
	 * @param <T> the bean type
	 * @param beanFactory the bean factory
	 * @param type the bean type
	 * @param usage what the one bean is used for, for the failure description
	 * @param action how to resolve an ambiguity, for the failure action
	 * @return the bean, or {@code null} if there is none
	 * @throws AmbiguousSecurityBeanException if there are several and none is primary
	 */
	public static <T> @Nullable T get(ConfigurableListableBeanFactory beanFactory, ResolvableType type, String usage,
			String action) {
		try {
			return beanFactory.<T>getBeanProvider(type).getIfAvailable();
		}
		catch (NoUniqueBeanDefinitionException ex) {
			String[] names = beanFactory.getBeanNamesForType(type);
			List<String> beans = Arrays.stream(names).map((name) -> describe(beanFactory, name)).toList();
			throw new AmbiguousSecurityBeanException(type.toClass(), Arrays.asList(names), beans, usage, action);
		}
	}

	private static String describe(ConfigurableListableBeanFactory beanFactory, String name) {
		try {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			String method = definition.getFactoryMethodName();
			String resource = definition.getResourceDescription();
			StringBuilder description = new StringBuilder("'").append(name).append("'");
			if (method != null) {
				description.append(": defined by method '").append(method).append("'");
				if (resource != null) {
					description.append(" in ").append(resource);
				}
			}
			else if (resource != null) {
				description.append(": defined in ").append(resource);
			}
			return description.toString();
		}
		catch (NoSuchBeanDefinitionException ex) {
			return "'" + name + "': a registered singleton";
		}
	}

}
