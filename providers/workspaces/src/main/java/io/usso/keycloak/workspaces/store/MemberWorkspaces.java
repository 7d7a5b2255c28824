package io.usso.keycloak.workspaces.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The workspaces of one member in ONE query over Keycloak's own JPA entities (organization, its group's membership
 * and the group's attributes), in name order. Keycloak's {@code OrganizationProvider#getByMember} loads every
 * organization and then each one's attributes separately: for a member of 200 workspaces that is hundreds of
 * queries per list or token (measured in bench/, docs/BENCHMARKS.md). This reads Keycloak's committed state directly
 * through JPQL (entity names, not table names, so schema settings apply); writes still go through Keycloak's API.
 */
public final class MemberWorkspaces {

    private static final String QUERY = "select o.id, o.name, o.alias, o.description, o.enabled, a.name, a.value "
            + "from OrganizationEntity o join UserGroupMembershipEntity m on m.groupId = o.groupId "
            + "left join GroupAttributeEntity a on a.group.id = o.groupId and a.name in :names "
            + "where o.realmId = :realmId and m.user.id = :userId";

    private final EntityManager em;
    private final String realmId;

    /**
     * @param session the request's session
     * @param realmId the tenant
     */
    public MemberWorkspaces(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /**
     * @param userId a user of the tenant
     * @param attributeNames the organization attributes to read
     * @return the user's workspaces, enabled or not, by name (Java's string order)
     */
    public List<MemberWorkspace> of(String userId, Collection<String> attributeNames) {
        List<Object[]> rows = em.createQuery(QUERY, Object[].class).setParameter("names", attributeNames)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
        return group(rows);
    }

    /**
     * @param rows {@code [id, name, alias, description, enabled, attribute name, attribute value]}
     * @return one workspace per id, by name
     */
    static List<MemberWorkspace> group(List<Object[]> rows) {
        Map<String, Object[]> first = new LinkedHashMap<>();
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            first.putIfAbsent(id, row);
            Map<String, String> attrs = attributes.computeIfAbsent(id, k -> new LinkedHashMap<>());
            if (row[5] != null && row[6] != null) {
                attrs.putIfAbsent((String) row[5], (String) row[6]);
            }
        }
        List<MemberWorkspace> out = new ArrayList<>(first.size());
        for (Map.Entry<String, Object[]> e : first.entrySet()) {
            Object[] row = e.getValue();
            out.add(new MemberWorkspace(e.getKey(), (String) row[1], (String) row[2], (String) row[3],
                    Boolean.TRUE.equals(row[4]), Map.copyOf(attributes.get(e.getKey()))));
        }
        // by name as Java compares (not the database's collation): the same order as the organization models gave
        out.sort(Comparator.comparing(MemberWorkspace::name).thenComparing(MemberWorkspace::id));
        return out;
    }
}
