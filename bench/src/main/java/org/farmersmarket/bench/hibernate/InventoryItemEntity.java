package org.farmersmarket.bench.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** inventory_items: a stock lot. */
@Entity
@Table(name = "inventory_items")
public class InventoryItemEntity {
    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_id")
    public ProductEntity product;

    @Column(name = "lot_code")
    public String lotCode;

    @Column(name = "quantity_on_hand")
    public int quantityOnHand;

    @Column(name = "quantity_reserved")
    public int quantityReserved;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
