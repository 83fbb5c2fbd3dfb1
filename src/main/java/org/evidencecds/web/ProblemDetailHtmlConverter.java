package org.evidencecds.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link ProblemDetail} as a small HTML page when the client asks for text/html (a browser following
 * a link to an unknown pack, say); API clients still get problem+json, which Jackson writes. Registered last,
 * so that JSON stays the answer to "*&#47;*".
 */
final class ProblemDetailHtmlConverter extends AbstractHttpMessageConverter<ProblemDetail> {

    ProblemDetailHtmlConverter() {
        super(StandardCharsets.UTF_8, MediaType.TEXT_HTML);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return ProblemDetail.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected ProblemDetail readInternal(Class<? extends ProblemDetail> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("not read", input);
    }

    @Override
    protected void writeInternal(ProblemDetail p, HttpOutputMessage output) throws IOException {
        String title = p.getTitle() == null ? ProblemResponses.title(p.getStatus()) : p.getTitle();
        String detail = p.getDetail() == null ? ProblemResponses.forStatus(p.getStatus(), null).detail() : p.getDetail();
        String path = p.getInstance() == null ? null : p.getInstance().toString();
        byte[] body = ProblemResponses.html(new ProblemResponses.Problem(p.getStatus(), title, detail, null, path)).getBytes(StandardCharsets.UTF_8);
        output.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        output.getHeaders().set(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.PAGE);
        output.getBody().write(body);
    }
}
