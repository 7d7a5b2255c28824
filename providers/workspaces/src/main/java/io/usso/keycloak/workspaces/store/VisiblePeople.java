package io.usso.keycloak.workspaces.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The people search in ONE query over Keycloak's own JPA entities (users; for {@link #sharingWorkspaceWith}, also the
 * organizations' groups and their memberships), like {@link MemberWorkspaces}: the text matches anywhere in the user
 * name, the e-mail address or "first last" (case-insensitive); enabled users of the tenant only, no service accounts,
 * ordered by user name. Only users stored in Keycloak's database are found (users of a federation provider that
 * does not import them are not).
 */
public final class VisiblePeople {

    private static final String MATCH = " and u.realmId = :realmId and u.serviceAccountClientLink is null"
            + " and u.enabled = true and (lower(u.username) like :p escape '!' or lower(u.email) like :p escape '!'"
            + " or lower(concat(coalesce(u.firstName, ''), ' ', coalesce(u.lastName, ''))) like :p escape '!')"
            + " order by u.username";
    private static final String COLUMNS = "u.id, u.username, u.firstName, u.lastName, u.email";
    private static final String EVERYONE = "select " + COLUMNS + " from UserEntity u where 1 = 1" + MATCH;
    private static final String SHARING = "select distinct " + COLUMNS + " from UserEntity u,"
            + " UserGroupMembershipEntity m, OrganizationEntity o, UserGroupMembershipEntity mine"
            + " where o.realmId = :realmId and m.groupId = o.groupId and m.user.id = u.id"
            + " and mine.groupId = o.groupId and mine.user.id = :callerId" + MATCH;

    private final EntityManager em;
    private final String realmId;

    /**
     * @param session the request's session
     * @param realmId the tenant
     */
    public VisiblePeople(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /**
     * One person found.
     *
     * @param id user id
     * @param username user name
     * @param firstName first name, may be null
     * @param lastName last name, may be null
     * @param email e-mail address, may be null
     */
    public record Person(String id, String username, String firstName, String lastName, String email) {
    }

    /**
     * @param likePattern lower-case LIKE pattern, {@code !} as escape character
     * @param first offset
     * @param max page size
     * @return every matching user of the tenant
     */
    public List<Person> everyone(String likePattern, int first, int max) {
        return page(em.createQuery(EVERYONE, Object[].class), likePattern, first, max);
    }

    /**
     * @param callerId the searching user
     * @param likePattern lower-case LIKE pattern, {@code !} as escape character
     * @param first offset
     * @param max page size
     * @return the matching users who are members of at least one workspace the caller is a member of (the caller
     *         too, when they match)
     */
    public List<Person> sharingWorkspaceWith(String callerId, String likePattern, int first, int max) {
        return page(em.createQuery(SHARING, Object[].class).setParameter("callerId", callerId), likePattern, first,
                max);
    }

    private List<Person> page(TypedQuery<Object[]> query, String likePattern, int first, int max) {
        List<Object[]> rows = query.setParameter("realmId", realmId).setParameter("p", likePattern)
                .setFirstResult(first).setMaxResults(max).getResultList();
        List<Person> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            out.add(new Person((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4]));
        }
        return out;
    }
}
