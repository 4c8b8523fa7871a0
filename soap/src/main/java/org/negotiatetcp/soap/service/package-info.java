/**
 * Services: {@link org.negotiatetcp.soap.service.SoapServiceHandler} serves objects implementing
 * {@link org.negotiatetcp.soap.contract.ServiceContract} interfaces on a server's channels, dispatching each request
 * by its action; {@link org.negotiatetcp.soap.service.OperationInterceptor} runs around each operation (the Spring
 * Security bridge puts the client's {@code Authentication} in the security context there).
 */
@NullMarked
package org.negotiatetcp.soap.service;

import org.jspecify.annotations.NullMarked;
