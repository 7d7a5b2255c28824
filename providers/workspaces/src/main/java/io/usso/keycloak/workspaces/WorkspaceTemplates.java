package io.usso.keycloak.workspaces;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import org.keycloak.models.RealmModel;

/**
 * A tenant's workspace templates ({@link WorkspaceTemplateDocument}, realm attribute): list, find, save, delete with
 * the limits ({@value WorkspaceTemplateDocument#MAX_TEMPLATES} templates, {@value WorkspaceTemplateDocument#MAX_CHARS}
 * characters stored). The read-modify-write of the one attribute runs in the request's transaction; two admins saving
 * different templates at the same instant may lose one of the saves (the last write wins), never corrupt the document.
 */
public final class WorkspaceTemplates {

    private final RealmModel realm;

    /** @param realm the tenant */
    public WorkspaceTemplates(RealmModel realm) {
        this.realm = realm;
    }

    /** @return every readable template, by name */
    public List<WorkspaceTemplate> list() {
        return new ArrayList<>(read().values());
    }

    /**
     * @param name a validated template name
     * @return the template, or null
     */
    public WorkspaceTemplate find(String name) {
        return read().get(name);
    }

    /**
     * @param name a validated template name
     * @return the template
     * @throws WorkspaceInputException 400 when the tenant has no such template (creating a workspace from it)
     */
    public WorkspaceTemplate require(String name) {
        WorkspaceTemplate template = find(name);
        if (template == null) {
            throw WorkspaceInputException.invalid("This tenant has no workspace template '" + name + "'");
        }
        return template;
    }

    /**
     * @param template a validated template (scopes already checked against the catalog)
     * @return true when it is new, false when it replaced one of the same name
     * @throws WorkspaceInputException 409 {@code limit_reached} beyond the limits
     */
    public boolean save(WorkspaceTemplate template) {
        SortedMap<String, WorkspaceTemplate> all = read();
        boolean created = !all.containsKey(template.name());
        if (created && all.size() >= WorkspaceTemplateDocument.MAX_TEMPLATES) {
            throw new WorkspaceInputException(409, "limit_reached", "A tenant has at most "
                    + WorkspaceTemplateDocument.MAX_TEMPLATES + " workspace templates");
        }
        all.put(template.name(), template);
        String doc = WorkspaceTemplateDocument.write(all);
        if (doc.length() > WorkspaceTemplateDocument.MAX_CHARS) {
            throw new WorkspaceInputException(409, "limit_reached", "The tenant's workspace templates would exceed "
                    + WorkspaceTemplateDocument.MAX_CHARS + " characters");
        }
        realm.setAttribute(WorkspaceTemplateDocument.ATTRIBUTE, doc);
        return created;
    }

    /**
     * @param name a validated template name
     * @throws WorkspaceInputException 404 when there is no such template
     */
    public void delete(String name) {
        SortedMap<String, WorkspaceTemplate> all = read();
        if (all.remove(name) == null) {
            throw new WorkspaceInputException(404, "not_found", "No such workspace template");
        }
        if (all.isEmpty()) {
            realm.removeAttribute(WorkspaceTemplateDocument.ATTRIBUTE);
        } else {
            realm.setAttribute(WorkspaceTemplateDocument.ATTRIBUTE, WorkspaceTemplateDocument.write(all));
        }
    }

    private SortedMap<String, WorkspaceTemplate> read() {
        return WorkspaceTemplateDocument.read(realm.getAttribute(WorkspaceTemplateDocument.ATTRIBUTE));
    }
}
