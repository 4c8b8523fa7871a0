package org.negotiatetcp.soap.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean the Spring Boot auto-configuration ({@code org.negotiatetcp.soap.boot}) serves on every
 * {@link org.negotiatetcp.soap.contract.ServiceContract} interface it implements, on the vias of its
 * {@code @NegotiateVia} (every via no other handler serves when it has none). Put it on the class or the
 * {@code @Bean} method.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SoapService {

}
