/**
 * Spring Boot auto-configuration of SOAP services and clients (optional dependencies: the starter's
 * {@code negotiate-tcp-spring-boot}, Spring Security): {@link org.negotiatetcp.soap.boot.SoapAutoConfiguration}
 * routes {@link org.negotiatetcp.soap.service.SoapService} beans to the server's vias and makes
 * {@link org.negotiatetcp.soap.boot.SoapContractClients} for the endpoints of {@code negotiate.tcp.client.endpoints}.
 */
@NullMarked
package org.negotiatetcp.soap.boot;

import org.jspecify.annotations.NullMarked;
