// The Prisma ORM 7 peer: @prisma/client with @prisma/adapter-pg (node-postgres pool of 4, like the Java pools),
// written the way a Prisma team would (findUnique/findMany with include, groupBy/aggregate, nested creates,
// interactive transactions; raw SQL only where Prisma has no form: the recursive category subtree and row locks).
//
//   node bench.mjs check WORKLOAD               -> one JSON object {input: answer}, the same canonical answers
//                                                  as the Java peers (bench/src/.../Answers.java)
//   node bench.mjs run WORKLOAD CLIENTS WARMUP MEASURE -> one JSON line {opsPerSecond, p50, p99, ops, errors}
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client/index.js";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/fm_bench";
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });

const id = (label) => {
  const h = createHash("md5").update(label).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const product = (i) => id(`p${i}`);
const money = (d) => Number(d).toFixed(2);
const ids = (list) => `${list.length}:${list.join(",")}`;
const sortedIds = (list) => ids([...list].sort(compareUuid));
// java.util.UUID compares its two halves as signed longs; mimic that so sorted answers match.
function compareUuid(a, b) {
  const halves = (u) => {
    const hex = u.replace(/-/g, "");
    return [BigInt.asIntN(64, BigInt("0x" + hex.slice(0, 16))), BigInt.asIntN(64, BigInt("0x" + hex.slice(16)))];
  };
  const [a1, a2] = halves(a);
  const [b1, b2] = halves(b);
  return a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}
const ALL_LOTS = [];
for (let p = 1; p <= 5000; p++) for (let l = 1; l <= 2; l++) ALL_LOTS.push(id(`l${p}-${l}`));

async function productById(productId) {
  const p = await prisma.product.findUnique({ where: { id: productId } });
  return `${p.id}|${p.name}|${money(p.price)}|${p.status}`;
}

async function search(root, low, high) {
  const subtree = await prisma.$queryRaw`
    WITH RECURSIVE subtree(id) AS (
      SELECT id FROM categories WHERE id = ${root}::uuid
      UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
    SELECT id::text AS id FROM subtree`;
  const products = await prisma.product.findMany({
    where: { categoryId: { in: subtree.map((row) => row.id) }, status: "active", price: { gte: low, lte: high } },
    orderBy: [{ price: "asc" }, { id: "asc" }],
    take: 21,
    include: { _count: { select: { reviews: true } } },
  });
  const page = products.slice(0, 20);
  const pageIds = page.map((p) => p.id);
  const [ratings, stock] = await Promise.all([
    prisma.review.groupBy({ by: ["productId"], where: { productId: { in: pageIds } }, _avg: { rating: true } }),
    prisma.inventoryItem.groupBy({
      by: ["productId"],
      where: { productId: { in: pageIds } },
      _sum: { quantityOnHand: true, quantityReserved: true },
    }),
  ]);
  void ratings;
  void stock;
  return ids(pageIds);
}

async function detail(productId) {
  const p = await prisma.product.findUnique({
    where: { id: productId },
    include: {
      vendor: true,
      category: true,
      reviews: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5 },
    },
  });
  let depth = 0;
  for (let category = p.category; category; ) {
    depth++;
    category = category.parentId ? await prisma.category.findUnique({ where: { id: category.parentId } }) : null;
  }
  const [stock, rating, stars] = await Promise.all([
    prisma.inventoryItem.aggregate({ where: { productId }, _sum: { quantityOnHand: true, quantityReserved: true } }),
    prisma.review.aggregate({ where: { productId }, _avg: { rating: true }, _count: { _all: true } }),
    prisma.review.groupBy({ by: ["rating"], where: { productId }, _count: { _all: true } }),
  ]);
  const available = (stock._sum.quantityOnHand ?? 0) - (stock._sum.quantityReserved ?? 0);
  const starCounts = [1, 2, 3, 4, 5].map((s) => stars.find((row) => row.rating === s)?._count._all ?? 0);
  const average = rating._avg.rating == null ? "-" : rating._avg.rating.toFixed(2);
  return `${p.id}|${p.vendor.businessName}|${depth}|${available}|${average}|${rating._count._all}|[${starCounts.join(", ")}]|${ids(p.reviews.map((r) => r.id))}`;
}

async function placeOrder(customerId, productIds) {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.user.findUnique({ where: { id: customerId }, select: { id: true } });
    if (!customer) throw new Error(`no customer ${customerId}`);
    await tx.$queryRaw`SELECT id FROM products WHERE id = ANY(${productIds}::uuid[]) ORDER BY id FOR SHARE`;
    const products = await tx.product.findMany({ where: { id: { in: productIds } }, orderBy: { id: "asc" } });
    if (products.length !== productIds.length || products.some((p) => p.status !== "active")) {
      throw new Error(`missing or inactive product among ${productIds}`);
    }
    const cents = products.reduce((sum, p) => sum + Math.round(Number(p.price) * 100), 0);
    const taxCents = Math.round(cents * 0.08);
    const subtotal = (cents / 100).toFixed(2);
    const tax = (taxCents / 100).toFixed(2);
    const total = ((cents + taxCents) / 100).toFixed(2);
    const currency = products[0].currency;
    await tx.$queryRaw`SELECT id FROM inventory_items WHERE product_id = ANY(${productIds}::uuid[]) ORDER BY id FOR UPDATE`;
    const lots = await tx.inventoryItem.findMany({ where: { productId: { in: productIds } }, orderBy: { id: "asc" } });
    const order = await tx.order.create({
      data: {
        customerId,
        fulfillment: "pickup",
        subtotal,
        tax,
        fees: "0.00",
        total,
        currency,
        items: {
          create: products.map((p) => ({
            productId: p.id,
            vendorId: p.vendorId,
            productName: p.name,
            quantity: 1,
            unitPrice: p.price,
            lineTotal: p.price,
          })),
        },
        payments: { create: { amount: total, currency } },
      },
      include: { items: true, payments: true },
    });
    const history = [];
    for (const p of products) {
      const lot = lots.find((l) => l.productId === p.id && l.quantityOnHand - l.quantityReserved >= 1);
      if (!lot) throw new Error(`no stock of ${p.id}`);
      const updated = await tx.inventoryItem.update({
        where: { id: lot.id },
        data: { quantityReserved: { increment: 1 } },
      });
      history.push({
        inventoryItemId: lot.id,
        productId: p.id,
        quantityChange: 0,
        reservedChange: 1,
        quantityAfter: updated.quantityOnHand,
        reservedAfter: updated.quantityReserved,
        reason: "reservation",
        orderId: order.id,
        changedBy: customerId,
      });
    }
    await tx.inventoryHistory.createMany({ data: history });
    return `${money(order.subtotal)}|${money(order.tax)}|${money(order.total)}|${order.items.length}|${money(order.payments[0].amount)}`;
  });
}

async function orderById(orderId) {
  const o = await prisma.order.findUnique({ where: { id: orderId }, include: { items: true, payments: true } });
  return `${o.orderNumber}|${money(o.total)}|${sortedIds(o.items.map((i) => i.id))}|${sortedIds(o.payments.map((p) => p.id))}`;
}

async function history(productId) {
  const rows = await prisma.inventoryHistory.findMany({
    where: { productId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 51,
  });
  return ids(rows.slice(0, 50).map((r) => r.id));
}

async function restockAll(lotIds) {
  return prisma.$transaction(
    async (tx) => {
      // Joined with unnest rather than "id = ANY(...)", as ours and JDBC do (see StockLedger.lockLots).
      await tx.$queryRaw`SELECT i.id FROM inventory_items i JOIN unnest(${lotIds}::uuid[]) AS wanted (id) ON i.id = wanted.id ORDER BY i.id FOR UPDATE OF i`;
      await tx.inventoryItem.updateMany({ where: { id: { in: lotIds } }, data: { quantityOnHand: { increment: 1 } } });
      const lots = await tx.inventoryItem.findMany({ where: { id: { in: lotIds } } });
      const created = await tx.inventoryHistory.createMany({
        data: lots.map((lot) => ({
          inventoryItemId: lot.id,
          productId: lot.productId,
          quantityChange: 1,
          reservedChange: 0,
          quantityAfter: lot.quantityOnHand,
          reservedAfter: lot.quantityReserved,
          reason: "restock",
        })),
      });
      return String(created.count);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

const rand = (n) => 1 + Math.floor(Math.random() * n);
const WORKLOADS = {
  PRODUCT_BY_ID: () => productById(product(rand(5000))),
  SEARCH: () => {
    const low = rand(30);
    return search(id(`c${rand(5)}`), low, low + 10);
  },
  DETAIL: () => detail(product(rand(5000))),
  PLACE_ORDER: () =>
    placeOrder(id(`u${rand(1000)}`), [
      product(10 * (rand(500) - 1) + rand(3)),
      product(10 * (rand(500) - 1) + 3 + rand(3)),
      product(10 * (rand(500) - 1) + 6 + rand(3)),
    ]),
  ORDER_BY_ID: () => orderById(id(`o${rand(20000)}`)),
  HISTORY: () => history(product(rand(5000))),
  RESTOCK_ALL: () => restockAll(ALL_LOTS),
};

const PRODUCTS = [1, 2, 17, 250, 4999];
async function check(workload) {
  const answers = {};
  switch (workload) {
    case "PRODUCT_BY_ID":
      for (const p of PRODUCTS) answers[`p${p}`] = await productById(product(p));
      break;
    case "SEARCH":
      for (const [c, low] of [[1, 5], [3, 20], [5, 38]]) answers[`c${c}/${low}`] = await search(id(`c${c}`), low, low + 10);
      break;
    case "DETAIL":
      for (const p of PRODUCTS) answers[`p${p}`] = await detail(product(p));
      break;
    case "PLACE_ORDER":
      answers["u1: p1 p4 p7"] = await placeOrder(id("u1"), [product(1), product(4), product(7)]);
      break;
    case "ORDER_BY_ID":
      for (const o of [1, 2, 777, 20000]) answers[`o${o}`] = await orderById(id(`o${o}`));
      break;
    case "HISTORY":
      for (const p of PRODUCTS) answers[`p${p}`] = await history(product(p));
      break;
    case "RESTOCK_ALL": {
      const before = await prisma.inventoryHistory.count();
      const reported = await restockAll(ALL_LOTS);
      answers["all lots"] = `${reported} reported, ${(await prisma.inventoryHistory.count()) - before} history rows`;
      break;
    }
    default:
      throw new Error(`unknown workload ${workload}`);
  }
  return answers;
}

async function run(workload, clients, warmupSeconds, measureSeconds) {
  const operation = WORKLOADS[workload];
  const start = performance.now();
  const warmupEnd = start + warmupSeconds * 1000;
  const measureEnd = warmupEnd + measureSeconds * 1000;
  const latencies = [];
  let errors = 0;
  let firstError = null;
  async function client() {
    while (performance.now() < warmupEnd) {
      try { await operation(); } catch (e) { errors++; firstError ??= String(e); }
    }
    while (performance.now() < measureEnd) {
      const began = performance.now();
      try {
        await operation();
        latencies.push(performance.now() - began);
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  latencies.sort((a, b) => a - b);
  const at = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : NaN);
  return { opsPerSecond: latencies.length / measureSeconds, p50: at(50) * 1000, p99: at(99) * 1000, ops: latencies.length, errors, firstError };
}

const [mode, workload, ...rest] = process.argv.slice(2);
try {
  const result = mode === "check" ? await check(workload) : await run(workload, ...rest.map(Number));
  console.log(JSON.stringify(result));
} finally {
  await prisma.$disconnect();
}
