package org.paperboy.digest;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freemarker, locked down: {@code .ftlh} templates auto-escape HTML, the {@code new} and
 * {@code api} built-ins are off, and errors are rethrown (never printed into a mail) with the
 * template's name and line. Templates come from the configured folder, else from the jar.
 */
final class Templates {

    private final Configuration freemarker;

    Templates(String folder) {
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setTemplateLoader(loader(folder));
    }

    private static TemplateLoader loader(String folder) {
        List<TemplateLoader> loaders = new ArrayList<>();
        File dir = new File(folder);
        if (dir.isDirectory()) {
            try {
                loaders.add(new FileTemplateLoader(dir));
            } catch (IOException e) {
                throw new RenderException(folder + ": cannot read the templates folder: " + e.getMessage(), e);
            }
        }
        loaders.add(new ClassTemplateLoader(Templates.class, "/defaults/templates"));
        return new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0]));
    }

    String render(String name, Map<String, Object> model) {
        Template template = template(name);
        StringWriter out = new StringWriter(64 * 1024);
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            String what = e instanceof InvalidReferenceException && e.getBlamedExpressionString() != null
                    ? "\"" + e.getBlamedExpressionString() + "\" is undefined or null"
                    : firstLine(e.getMessageWithoutStackTop());
            throw new RenderException("template " + name + " line " + e.getLineNumber() + ": " + what, e);
        } catch (IOException e) {
            throw new RenderException("template " + name + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    private Template template(String name) {
        try {
            return freemarker.getTemplate(name);
        } catch (ParseException e) {
            throw new RenderException("template " + name + " line " + e.getLineNumber() + ": syntax error: "
                    + firstLine(e.getEditorMessage()), e);
        } catch (IOException e) {
            throw new RenderException("template " + name + ": cannot load: " + e.getMessage(), e);
        }
    }

    /** The first line of Freemarker's message, which is the one that says what is wrong. */
    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip().replaceAll("[:,]$", "");
    }
}
