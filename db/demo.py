"""Demo workshops: two hand-written ones (Russian and English) and a large synthetic one for benchmarks.

Everything is written through the services, so the demo obeys the same validation as the UI, and every
row has an audit entry naming the person who wrote it (the facilitator or a participant of the team).

The two hand-written workshops share one structure: each text is given in both languages (`T`), each
amount of money in euros (`M`, shown in roubles in the Russian workshop) and each reference by the key
of the row it points to (`R`), resolved to an id when the row is written.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from db import engine as dbe
from db import read, services, workshops
from db.services import Actor

DEMO_PASSCODE = "demo-pass"
HOUR_RATE = {"en": 60.0, "ru": 6000.0}  # money per hour of internal work (€, ₽ at the demo's ×100)
FACILITATOR = {"en": "Facilitator", "ru": "Ведущий"}
THROTTLE_KEYS = ["demo"]
PERIOD = "2026-Q3"
STEP_STATUS = {1: "done", 2: "done", 3: "done", 4: "done", 5: "done", 6: "in_progress", 7: "in_progress"}
TIMEBOX_MINUTES = {1: 20, 2: 30, 3: 30, 4: 40, 5: 40, 6: 45, 7: 30, 8: 20, 9: 30}


@dataclass(frozen=True)
class T:
    """A text in both languages."""

    en: str
    ru: str


@dataclass(frozen=True)
class M:
    """An amount of money in euros; the Russian workshop shows it in roubles."""

    amount: float


@dataclass(frozen=True)
class R:
    """A reference to a row of the demo, by entity and key."""

    entity: str
    key: str


RATE = {"en": 1, "ru": 100}
CUR = T("€", "₽")
PCT = "%"
DAYS = T("days", "дн.")

WORKSHOP = {
    "name": T("Northwind Supply", "СеверСнаб"),
    "organisation": T("Northwind Supply Ltd — food service wholesale", "ООО «СеверСнаб», оптовые поставки для HoReCa"),
}

# --- step 1: departments, participants, customers -------------------------------------------------------------

DEPARTMENTS: list[tuple[str, T, T]] = [
    (
        "sales",
        T("Sales", "Продажи"),
        T(
            "Account managers for restaurants and hotels: take orders, agree prices and contract terms, "
            "keep each client's history.",
            "Менеджеры по работе с ресторанами и гостиницами: принимают заказы, согласовывают цены и условия "
            "договоров, ведут историю каждого клиента.",
        ),
    ),
    (
        "procurement",
        T("Procurement", "Закупки"),
        T(
            "Buys from 300 producers and importers, negotiates supplier terms, books inbound deliveries and "
            "collects quality certificates.",
            "Закупаем у трёхсот производителей и импортёров, договариваемся об условиях, планируем поставки на "
            "склад и собираем сертификаты качества.",
        ),
    ),
    (
        "warehouse",
        T("Warehouse", "Склад"),
        T(
            "Receives, stores and picks goods at the central warehouse, including the chilled zone; runs a night "
            "picking shift.",
            "Приёмка, хранение и сборка заказов на центральном складе, включая холодильную зону; ночная смена сборки.",
        ),
    ),
    (
        "logistics",
        T("Logistics", "Логистика"),
        T(
            "Plans routes and delivers with 24 own vans within the agreed time windows; collects returns from clients.",
            "Планируем маршруты и развозим заказы на 24 собственных машинах в согласованные окна; забираем "
            "возвраты у клиентов.",
        ),
    ),
    (
        "service",
        T("Customer Service", "Клиентский сервис"),
        T(
            "Hotline and chat for clients: order changes, shortages, complaints and refunds for damaged goods.",
            "Горячая линия и чат для клиентов: изменения заказов, недовложения, претензии и возвраты за брак.",
        ),
    ),
    (
        "it",
        T("IT", "ИТ"),
        T(
            "Runs the ordering portal, the warehouse system, route planning and the CRM; supports every team.",
            "Отвечаем за портал заказов, складскую систему, планирование маршрутов и CRM; поддерживаем все команды.",
        ),
    ),
    (
        "finance",
        T("Finance", "Финансы"),
        T(
            "Invoicing, credit control, payments to suppliers and the monthly management accounts.",
            "Выставление счетов, контроль дебиторской задолженности, оплаты поставщикам и ежемесячная "
            "управленческая отчётность.",
        ),
    ),
]

PARTICIPANTS: list[tuple[str, T, str]] = [
    ("anna", T("Anna Lee", "Анна Смирнова"), "sales"),
    ("boris", T("Boris Novak", "Борис Кузнецов"), "logistics"),
    ("clara", T("Clara Jensen", "Светлана Орлова"), "warehouse"),
    ("david", T("David Osei", "Дмитрий Волков"), "it"),
    ("eva", T("Eva Martins", "Елена Павлова"), "service"),
    ("felix", T("Felix Braun", "Игорь Фёдоров"), "finance"),
]

# Each customer: its row, the team that writes it, and the departments that serve it.
CUSTOMERS: list[tuple[str, dict[str, Any], str, list[str]]] = [
    (
        "restaurants",
        {
            "name": T("Independent restaurants and cafés", "Независимые рестораны и кафе"),
            "kind": "external",
            "first_to_notice": T(
                "The chef, when an order arrives short or late before lunch service",
                "Шеф-повар: он первым видит, что заказ пришёл не полностью или опоздал к обеду",
            ),
            "segment_size": 1200,
            "customer_value": M(60000),
            "ltv": M(18000),
            "description": T(
                "One to three outlets; order three to five times a week: fresh produce, dairy, dry goods and "
                "packaging.",
                "Одна-три точки; заказывают три-пять раз в неделю: овощи и фрукты, молочную продукцию, бакалею, "
                "упаковку.",
            ),
        },
        "sales",
        ["sales", "procurement", "warehouse", "logistics", "service"],
    ),
    (
        "hotels",
        {
            "name": T("Hotel chains", "Гостиничные сети"),
            "kind": "external",
            "first_to_notice": T(
                "The hotel's purchasing manager at the monthly reconciliation",
                "Менеджер по закупкам отеля во время ежемесячной сверки",
            ),
            "segment_size": 40,
            "customer_value": M(900000),
            "ltv": M(350000),
            "description": T(
                "Regional chains of 5 to 30 hotels buying under an annual contract with central invoicing.",
                "Региональные сети на 5–30 отелей, закупают по годовому договору с централизованной оплатой.",
            ),
        },
        "sales",
        ["sales", "logistics", "service", "finance"],
    ),
    (
        "sales_team",
        {
            "name": T("Sales team (internal client)", "Отдел продаж как внутренний клиент"),
            "kind": "internal",
            "department_id": R("department", "sales"),
            "first_to_notice": T(
                "The account manager, when a client calls about a missing item",
                "Менеджер по продажам, когда клиент звонит из-за недовложения",
            ),
            "description": T(
                "Needs reliable stock figures and early warnings to keep its promises to clients.",
                "Нужны точные остатки и ранние предупреждения, чтобы выполнять обещания клиентам.",
            ),
        },
        "sales",
        ["warehouse", "it", "finance", "logistics", "service"],
    ),
    (
        "warehouse_team",
        {
            "name": T("Warehouse (internal client)", "Склад как внутренний клиент"),
            "kind": "internal",
            "department_id": R("department", "warehouse"),
            "first_to_notice": T("The shift lead at the receiving dock", "Старший смены на приёмке"),
            "description": T(
                "Needs planned inbound deliveries and working systems to pick the night orders on time.",
                "Нужны поставки по графику и исправные системы, чтобы вовремя собрать ночные заказы.",
            ),
        },
        "warehouse",
        ["procurement", "it", "sales"],
    ),
]

# --- step 2: pains and votes ----------------------------------------------------------------------------------

PAINS: list[tuple[str, str, T, int, int, str]] = [
    (
        "late",
        "restaurants",
        T(
            "Deliveries arrive outside the agreed window, sometimes in the middle of lunch service",
            "Доставка приходит не в согласованное окно, бывает — прямо посреди обеда",
        ),
        5,
        4,
        "boris",
    ),
    (
        "short",
        "restaurants",
        T(
            "Part of the order is missing and nobody warns us before the truck leaves",
            "Часть заказа не довезли, и никто не предупредил до выезда машины",
        ),
        5,
        3,
        "eva",
    ),
    (
        "swap",
        "restaurants",
        T(
            "Items are replaced with another brand or pack size without asking",
            "Товар меняют на другой бренд или фасовку, не спросив нас",
        ),
        3,
        3,
        "clara",
    ),
    (
        "cutoff",
        "restaurants",
        T(
            "The order cut-off at 14:00 is too early: the kitchen plans purchases after evening service",
            "Приём заказов до 14:00 — слишком рано: кухня планирует закупку после вечерней смены",
        ),
        4,
        4,
        "anna",
    ),
    (
        "refund",
        "restaurants",
        T(
            "Getting money back for damaged goods takes weeks of emails",
            "Чтобы вернуть деньги за бой и брак, приходится неделями переписываться",
        ),
        3,
        2,
        "eva",
    ),
    (
        "prices",
        "restaurants",
        T(
            "Prices change between two orders without any warning",
            "Цены меняются от заказа к заказу без предупреждения",
        ),
        4,
        3,
        "anna",
    ),
    (
        "invoices",
        "hotels",
        T(
            "A separate invoice for every delivery, while our accounting wants one invoice per month",
            "На каждую поставку отдельный счёт, а бухгалтерии нужен один счёт за месяц",
        ),
        3,
        5,
        "felix",
    ),
    (
        "contact",
        "hotels",
        T(
            "No single contact who knows our contract and our order history",
            "Нет одного контактного лица, которое знает наш договор и историю заказов",
        ),
        4,
        3,
        "anna",
    ),
    (
        "minimum",
        "hotels",
        T(
            "The minimum order value makes us overstock perishable goods",
            "Из-за минимальной суммы заказа приходится брать скоропортящиеся продукты впрок",
        ),
        3,
        4,
        "anna",
    ),
    (
        "certificates",
        "hotels",
        T(
            "Quality certificates cannot be found when an auditor asks for them",
            "Когда приходит аудитор, нужных сертификатов качества не найти",
        ),
        4,
        2,
        "eva",
    ),
    (
        "stock",
        "sales_team",
        T(
            "Stock in the ordering system is wrong, so we promise clients goods we do not have",
            "Остатки в системе заказов неверные, и мы обещаем клиентам то, чего нет на складе",
        ),
        5,
        4,
        "anna",
    ),
    (
        "no_alert",
        "sales_team",
        T(
            "We learn that a truck is late from an angry client, not from Logistics",
            "Об опоздании машины узнаём от рассерженного клиента, а не от логистов",
        ),
        4,
        4,
        "anna",
    ),
    (
        "dock",
        "warehouse_team",
        T(
            "Supplier trucks arrive unannounced and block the receiving dock",
            "Машины поставщиков приезжают без предупреждения и занимают все ворота на приёмке",
        ),
        4,
        3,
        "clara",
    ),
    (
        "freeze",
        "warehouse_team",
        T(
            "Scanners and the warehouse system freeze at peak picking hours",
            "В пик сборки зависают сканеры и складская система",
        ),
        4,
        2,
        "clara",
    ),
]

# Dots per participant and pain; each participant spends at most the workshop's budget (5 by default).
VOTES: dict[str, dict[str, int]] = {
    "anna": {"late": 2, "stock": 2, "cutoff": 1},
    "boris": {"late": 3, "short": 1},
    "clara": {"short": 2, "dock": 2, "stock": 1},
    "david": {"stock": 3, "freeze": 1, "cutoff": 1},
    "eva": {"short": 2, "refund": 1, "invoices": 2},
    "felix": {"invoices": 3, "prices": 2},
}

# --- step 3: value factors (key, customer, name, weight, high is good, description, pains it addresses) ----------

FACTORS: list[tuple[str, str, T, int, bool, T, list[str]]] = [
    (
        "price",
        "restaurants",
        T("Price per unit", "Цена за единицу"),
        7,
        False,
        T("Price of the usual basket compared with the market", "Цена привычной корзины по сравнению с рынком"),
        ["prices"],
    ),
    (
        "on_time",
        "restaurants",
        T("Delivery within the window", "Доставка точно в окно"),
        9,
        True,
        T("The van arrives in the time window the kitchen chose", "Машина приезжает в окно, выбранное кухней"),
        ["late"],
    ),
    (
        "complete",
        "restaurants",
        T("Order completeness", "Комплектность заказа"),
        9,
        True,
        T(
            "Everything ordered arrives, or the chef knows in advance",
            "Приезжает всё заказанное, либо шеф знает заранее",
        ),
        ["short", "swap"],
    ),
    (
        "cutoff",
        "restaurants",
        T("Late order cut-off", "Поздний приём заказов"),
        6,
        True,
        T("How late in the evening an order for tomorrow is accepted", "До какого часа принимается заказ на завтра"),
        ["cutoff"],
    ),
    (
        "range",
        "restaurants",
        T("Range breadth", "Широта ассортимента"),
        5,
        True,
        T("How many product lines a kitchen can buy in one order", "Сколько позиций кухня может купить в одном заказе"),
        [],
    ),
    (
        "manager",
        "restaurants",
        T("Personal account manager", "Персональный менеджер"),
        4,
        True,
        T(
            "A named person who visits and takes orders by phone",
            "Закреплённый человек, который приезжает и принимает заказы",
        ),
        [],
    ),
    (
        "refund",
        "restaurants",
        T("Speed of refunds for damaged goods", "Скорость возврата денег за брак"),
        3,
        True,
        T("Days from a complaint to the money back", "Сколько дней проходит от претензии до возврата денег"),
        ["refund"],
    ),
    (
        "tracking",
        "restaurants",
        T("Live delivery tracking", "Отслеживание доставки онлайн"),
        5,
        True,
        T("The chef sees where the van is and when it will arrive", "Шеф видит, где машина и когда она приедет"),
        ["late"],
    ),
    (
        "catalogue",
        "restaurants",
        T("Printed catalogue", "Печатный каталог"),
        1,
        True,
        T("A paper catalogue and price list sent every quarter", "Бумажный каталог и прайс-лист раз в квартал"),
        [],
    ),
    (
        "invoice",
        "hotels",
        T("Consolidated monthly invoice", "Единый счёт за месяц"),
        7,
        True,
        T("One invoice for all deliveries of the month", "Один счёт на все поставки месяца"),
        ["invoices"],
    ),
    (
        "contact",
        "hotels",
        T("Single contact for the contract", "Один контакт по договору"),
        6,
        True,
        T("One person who knows the contract and the order history", "Один человек, который знает договор и историю"),
        ["contact"],
    ),
    (
        "minimum",
        "hotels",
        T("Minimum order value", "Минимальная сумма заказа"),
        5,
        False,
        T("The smallest order we deliver", "Минимальная сумма, с которой мы везём заказ"),
        ["minimum"],
    ),
    (
        "documents",
        "hotels",
        T("Quality documents on request", "Документы о качестве по запросу"),
        6,
        True,
        T("Certificates for any delivered batch, quickly", "Сертификаты на любую поставленную партию, быстро"),
        ["certificates"],
    ),
    (
        "stock",
        "sales_team",
        T("Accurate stock availability", "Точные остатки"),
        10,
        True,
        T("What the portal shows is on the shelf", "То, что показывает портал, есть на полке"),
        ["stock"],
    ),
    (
        "alerts",
        "sales_team",
        T("Early warning of late trucks", "Раннее предупреждение об опоздании"),
        7,
        True,
        T("Sales hears about a delay before the client does", "Продажи узнают об опоздании раньше клиента"),
        ["no_alert"],
    ),
    (
        "slots",
        "warehouse_team",
        T("Announced inbound deliveries", "Поставки по записи"),
        6,
        True,
        T("Every supplier truck has a booked slot", "У каждой машины поставщика есть слот приёмки"),
        ["dock"],
    ),
    (
        "uptime",
        "warehouse_team",
        T("Warehouse system uptime", "Бесперебойная складская система"),
        8,
        True,
        T("Scanners and the system work during the peak", "Сканеры и система работают в пиковые часы"),
        ["freeze"],
    ),
]

# --- step 4: strategy canvas of the main customer --------------------------------------------------------------

MAIN_CUSTOMER = "restaurants"
CANVAS_FACTORS = ["price", "on_time", "complete", "cutoff", "range", "manager", "refund", "tracking", "catalogue"]
OFFERINGS: list[tuple[str, T, str, T, list[float]]] = [
    (
        "ours",
        T("Northwind Supply today", "СеверСнаб сегодня"),
        "ours",
        T(
            "Our offer as it is: next-morning delivery for orders placed by 14:00",
            "Наше предложение как есть: доставка на следующее утро при заказе до 14:00",
        ),
        [6, 6, 7, 4, 6, 5, 3, 1, 6],
    ),
    (
        "mega",
        T("MegaWholesale", "МегаОпт"),
        "competitor",
        T(
            "National distributor: low prices and a huge range, rigid delivery slots",
            "Федеральный дистрибьютор: низкие цены и огромный ассортимент, но жёсткий график доставки",
        ),
        [4, 5, 6, 3, 9, 2, 4, 2, 8],
    ),
    (
        "fresh",
        T("FreshLine Pro", "Свежая линия"),
        "competitor",
        T(
            "Premium fresh-food specialist with personal managers and high prices",
            "Премиальный поставщик свежих продуктов: персональные менеджеры и высокие цены",
        ),
        [8, 8, 8, 5, 4, 7, 6, 3, 3],
    ),
    (
        "cash",
        T("Cash & carry trip", "Самовывоз из кэш-энд-кэрри"),
        "substitute",
        T(
            "The chef drives to a cash-and-carry and buys whatever is on the shelf",
            "Шеф сам едет в кэш-энд-кэрри и берёт то, что есть на полке",
        ),
        [3, 7, 8, 9, 7, 0, 2, 0, 0],
    ),
]
ERRC: list[tuple[str, str, float, T]] = [
    (
        "price",
        "reduce",
        5,
        T(
            "Fewer slow-moving lines and no printed catalogue pay for a lower price",
            "Меньше неходовых позиций и никакого печатного каталога — за счёт этого цена ниже",
        ),
    ),
    ("on_time", "raise", 9, T("Two-hour windows chosen by the client", "Двухчасовые окна на выбор клиента")),
    (
        "complete",
        "raise",
        9,
        T("A shortage call before the truck leaves", "Звонок о недовложении до выезда машины"),
    ),
    ("cutoff", "raise", 9, T("Orders until 23:00, a night picking shift", "Заказы до 23:00, ночная смена сборки")),
    (
        "range",
        "reduce",
        4,
        T("Keep what kitchens buy every week", "Оставляем то, что кухни покупают каждую неделю"),
    ),
    (
        "manager",
        "reduce",
        3,
        T(
            "A chat with Customer Service instead of a personal manager",
            "Вместо персонального менеджера — чат с клиентским сервисом",
        ),
    ),
    (
        "refund",
        "raise",
        7,
        T("Refund within two working days from the driver's photo", "Возврат за два рабочих дня по фото водителя"),
    ),
    (
        "tracking",
        "create",
        8,
        T("A live map and an SMS 30 minutes before arrival", "Карта в реальном времени и SMS за 30 минут до приезда"),
    ),
    ("catalogue", "eliminate", 0, T("Online catalogue only", "Только онлайн-каталог")),
]
TAGLINE = T(
    "Everything you ordered, in your window — order until 23:00",
    "Всё, что заказали, — точно в ваше окно. Заказ до 23:00",
)

# --- step 5: promises to customers ---------------------------------------------------------------------------


def _metric(name: T, unit: T | str, direction: str, target: float | M, current: float | M) -> dict[str, Any]:
    return {
        "metric_name": name,
        "metric_unit": unit,
        "metric_direction": direction,
        "metric_target": target,
        "metric_current": current,
    }


PROMISES: list[tuple[str, dict[str, Any]]] = [
    (
        "window",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "on_time"),
            "owner_department_id": R("department", "logistics"),
            "text": T(
                "We deliver within the two-hour window you choose",
                "Привозим заказ в выбранное вами двухчасовое окно",
            ),
            **_metric(T("Deliveries within the window", "Доставки в окно"), PCT, "higher", 95, 88),
            "authority_needed": T(
                "Logistics may send an extra van on peak days without approval",
                "Логистика может без согласования выпустить дополнительную машину в пиковые дни",
            ),
            "authority_granted": True,
            "status": "agreed",
        },
    ),
    (
        "complete",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "complete"),
            "owner_department_id": R("department", "warehouse"),
            "text": T(
                "If an item is missing, we call you before the truck leaves",
                "Если какой-то позиции нет, звоним вам до выезда машины",
            ),
            **_metric(
                T("Orders complete or warned in advance", "Заказы полные или с предупреждением"), PCT, "higher", 98, 99
            ),
            "authority_needed": T(
                "The warehouse offers a replacement only with the client's consent",
                "Склад предлагает замену только с согласия клиента",
            ),
            "authority_granted": True,
            "status": "agreed",
        },
    ),
    (
        "late_orders",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "cutoff"),
            "owner_department_id": R("department", "sales"),
            "text": T(
                "Order by 23:00 and the goods arrive the next morning",
                "Закажите до 23:00 — привезём следующим утром",
            ),
            **_metric(
                T("Late orders delivered next morning", "Поздние заказы, доставленные утром"), PCT, "higher", 97, 97.5
            ),
            "authority_needed": T(
                "Sales accepts orders until 23:00 without asking the warehouse",
                "Продажи принимают заказы до 23:00 без согласования со складом",
            ),
            "authority_granted": True,
            "status": "agreed",
        },
    ),
    (
        "refund",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "refund"),
            "owner_department_id": R("department", "service"),
            "text": T(
                "Money for damaged goods comes back within two working days",
                "Деньги за бой и брак возвращаем в течение двух рабочих дней",
            ),
            **_metric(T("Average days to refund", "Средний срок возврата"), DAYS, "lower", 2, 4.5),
            "authority_needed": T(
                "Customer Service approves refunds up to €300 without Finance",
                "Клиентский сервис одобряет возвраты до 30 000 ₽ без финансового отдела",
            ),
            "authority_granted": True,
            "status": "agreed",
        },
    ),
    (
        "invoice",
        {
            "customer_id": R("customer", "hotels"),
            "factor_id": R("value_factor", "invoice"),
            "owner_department_id": R("department", "finance"),
            "text": T(
                "One consolidated invoice for the month, on the third working day",
                "Один сводный счёт за месяц — на третий рабочий день",
            ),
            **_metric(T("Invoices sent on time", "Счета, выставленные в срок"), PCT, "higher", 100, 100),
            "authority_needed": T(
                "Finance may change the invoicing schedule for contract clients",
                "Финансы могут менять график выставления счетов для клиентов по договору",
            ),
            "authority_granted": True,
            "status": "agreed",
        },
    ),
    (
        "certificates",
        {
            "customer_id": R("customer", "hotels"),
            "factor_id": R("value_factor", "documents"),
            "owner_department_id": R("department", "procurement"),
            "text": T(
                "Quality certificates for any batch within 24 hours of your request",
                "Сертификаты качества на любую партию — в течение суток после запроса",
            ),
            **_metric(T("Requests answered within 24 h", "Запросы, закрытые за сутки"), PCT, "higher", 95, 80),
            "authority_needed": T(
                "Procurement may make certificates a condition of supplier contracts",
                "Закупки могут сделать предоставление сертификатов условием договоров с поставщиками",
            ),
            "authority_granted": False,
            "status": "negotiating",
        },
    ),
    (
        "minimum",
        {
            "customer_id": R("customer", "hotels"),
            "factor_id": R("value_factor", "minimum"),
            "owner_department_id": R("department", "sales"),
            "text": T(
                "A minimum order of €150 instead of €400 for contract hotels",
                "Минимальный заказ для гостиниц по договору — 15 000 ₽ вместо 40 000 ₽",
            ),
            **_metric(T("Minimum order value", "Минимальная сумма заказа"), CUR, "lower", M(150), M(400)),
            "authority_needed": T(
                "Finance approves the lower minimum",
                "Финансовый отдел согласует сниженный минимум",
            ),
            "authority_granted": False,
            "status": "proposed",
        },
    ),
    (
        "fixed_price",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "price"),
            "owner_department_id": R("department", "sales"),
            "text": T(
                "Prices stay fixed for 30 days after a quote",
                "Цена фиксируется на 30 дней после коммерческого предложения",
            ),
            **_metric(
                T("Price changes within 30 days", "Изменения цены в течение 30 дней"),
                T("cases", "случаев"),
                "lower",
                0,
                3,
            ),
            "authority_needed": T(
                "Sales may hold prices when a supplier raises them",
                "Продажи могут удерживать цену, когда поставщик её повышает",
            ),
            "authority_granted": False,
            "status": "draft",
        },
    ),
    (
        "same_day",
        {
            "customer_id": R("customer", "restaurants"),
            "factor_id": R("value_factor", "on_time"),
            "owner_department_id": R("department", "logistics"),
            "text": T(
                "Free same-day delivery for any order",
                "Бесплатная доставка в день заказа для любого заказа",
            ),
            **_metric(T("Same-day deliveries", "Доставки в день заказа"), PCT, "higher", 100, 0),
            "authority_needed": T(
                "A second daily route in every district",
                "Второй ежедневный рейс по каждому району",
            ),
            "authority_granted": False,
            "status": "rejected",
        },
    ),
]

# --- step 6: internal promises (key, supplier, client, row, what it supports) ---------------------------------


def _internal(
    text: T, service: T, metric: dict[str, Any], price: M | float, unit: str = "money", period: str = "month"
) -> dict[str, Any]:
    return {
        "text": text,
        "service_description": service,
        **metric,
        "price_amount": price,
        "price_unit": unit,
        "price_period": period,
    }


INTERNAL: list[tuple[str, str, str, dict[str, Any], list[R]]] = [
    (
        "loading",
        "warehouse",
        "logistics",
        _internal(
            T(
                "Orders picked and loaded by 05:30 for the morning routes",
                "Заказы собраны и загружены в машины к 5:30 для утренних рейсов",
            ),
            T(
                "Picking, packing by route and loading; chilled goods go in last",
                "Сборка, упаковка по маршрутам и погрузка; охлаждённый товар грузим последним",
            ),
            _metric(T("Routes loaded on time", "Рейсы, загруженные вовремя"), PCT, "higher", 98, 94),
            M(15000),
        ),
        [R("promise", "window")],
    ),
    (
        "planner",
        "it",
        "logistics",
        _internal(
            T(
                "Route planner available from 04:00 to 22:00",
                "Планировщик маршрутов работает с 4:00 до 22:00",
            ),
            T(
                "Hosting, updates and on-call support of the route planning system",
                "Размещение, обновления и дежурная поддержка системы планирования маршрутов",
            ),
            _metric(T("Availability", "Доступность"), PCT, "higher", 99.5, 99.7),
            30,
            "hours",
        ),
        [R("promise", "window")],
    ),
    (
        "alerts",
        "logistics",
        "sales",
        _internal(
            T(
                "Delay alert to the account manager 30 minutes before a missed window",
                "Предупреждение менеджеру за 30 минут до срыва окна доставки",
            ),
            T(
                "An automatic alert from the route planner plus a call from the dispatcher",
                "Автоматическое уведомление из планировщика и звонок диспетчера",
            ),
            _metric(T("Alerts sent in advance", "Предупреждения заранее"), PCT, "higher", 90, 65),
            M(2000),
        ),
        [R("promise", "window")],
    ),
    (
        "inbound",
        "procurement",
        "warehouse",
        _internal(
            T(
                "Every supplier delivery booked into a dock slot a day in advance",
                "Каждая поставка записана на слот приёмки за сутки",
            ),
            T(
                "Agreeing delivery slots with suppliers and sending the daily inbound plan",
                "Согласование слотов с поставщиками и рассылка ежедневного плана приёмки",
            ),
            _metric(T("Deliveries booked in advance", "Поставки по записи"), PCT, "higher", 90, 72),
            M(12000),
        ),
        [R("internal_promise", "loading")],
    ),
    (
        "slot_portal",
        "it",
        "procurement",
        _internal(
            T("Supplier portal for booking dock slots", "Портал для записи поставщиков на слоты приёмки"),
            T(
                "Slot calendar, reminders to suppliers and a daily inbound plan",
                "Календарь слотов, напоминания поставщикам и ежедневный план приёмки",
            ),
            _metric(T("Suppliers using the portal", "Поставщики, работающие через портал"), PCT, "higher", 80, 45),
            12,
            "hours",
        ),
        [R("internal_promise", "inbound")],
    ),
    (
        "stock_sync",
        "it",
        "warehouse",
        _internal(
            T(
                "Stock synchronised with the ordering portal every 15 minutes",
                "Остатки синхронизируются с порталом заказов каждые 15 минут",
            ),
            T(
                "Integration between the warehouse system and the portal, with monitoring",
                "Интеграция складской системы с порталом и мониторинг",
            ),
            _metric(T("Sync delay", "Задержка синхронизации"), T("min", "мин"), "lower", 15, 40),
            20,
            "hours",
        ),
        [R("promise", "complete")],
    ),
    (
        "shortages",
        "warehouse",
        "service",
        _internal(
            T(
                "Shortage list for the morning routes sent by 04:30",
                "Список недовложений по утренним рейсам — к 4:30",
            ),
            T(
                "Missing lines per client with suggested replacements",
                "Недостающие позиции по каждому клиенту с вариантами замены",
            ),
            _metric(T("Lists sent on time", "Списки, отправленные вовремя"), PCT, "higher", 98, 99),
            M(2000),
        ),
        [R("promise", "complete")],
    ),
    (
        "late_batch",
        "sales",
        "warehouse",
        _internal(
            T(
                "Late orders passed to the night shift in one batch at 23:15",
                "Поздние заказы передаём ночной смене одним пакетом в 23:15",
            ),
            T(
                "Checked orders with confirmed pack sizes and delivery windows",
                "Проверенные заказы с подтверждённой фасовкой и окнами доставки",
            ),
            _metric(T("Batches on time", "Пакеты, переданные вовремя"), PCT, "higher", 99, 96),
            M(1000),
        ),
        [R("promise", "late_orders")],
    ),
    (
        "night_shift",
        "warehouse",
        "sales",
        _internal(
            T(
                "The night shift picks every order received by 23:15",
                "Ночная смена собирает все заказы, поступившие до 23:15",
            ),
            T(
                "A night picking shift for late orders, seven days a week",
                "Ночная смена сборки поздних заказов без выходных",
            ),
            _metric(T("Night orders picked", "Собранные ночные заказы"), PCT, "higher", 97, 97.5),
            M(65000),
        ),
        [R("promise", "late_orders")],
    ),
    (
        "portal",
        "it",
        "sales",
        _internal(
            T(
                "The ordering portal takes orders until 23:00 and confirms within a minute",
                "Портал принимает заказы до 23:00 и подтверждает их за минуту",
            ),
            T(
                "Ordering portal, mobile app and order confirmations",
                "Портал заказов, мобильное приложение и подтверждения заказов",
            ),
            _metric(T("Confirmed within a minute", "Подтверждено за минуту"), PCT, "higher", 99, 99.4),
            16,
            "hours",
        ),
        [R("promise", "late_orders")],
    ),
    (
        "refund_limit",
        "finance",
        "service",
        _internal(
            T(
                "A refund limit for Customer Service, reconciled every week",
                "Лимит на возвраты для клиентского сервиса и еженедельная сверка",
            ),
            T(
                "Managing the limit and reconciling refunds and payouts weekly",
                "Ведение лимита и еженедельная сверка возвратов и выплат",
            ),
            _metric(T("Days to reconcile", "Срок сверки"), DAYS, "lower", 7, 5),
            M(1500),
        ),
        [R("promise", "refund")],
    ),
    (
        "damage_photo",
        "logistics",
        "service",
        _internal(
            T(
                "The driver uploads a photo of damaged goods at delivery",
                "Водитель загружает фото повреждённого товара при доставке",
            ),
            T(
                "Photo and a signed damage note in the driver app",
                "Фото и акт о повреждении в приложении водителя",
            ),
            _metric(T("Claims with a photo", "Претензии с фото"), PCT, "higher", 90, 60),
            M(1000),
        ),
        [R("promise", "refund")],
    ),
    (
        "hotline",
        "service",
        "sales",
        _internal(
            T(
                "Client hotline answered within 60 seconds, 08:00–23:00",
                "Горячая линия для клиентов: ответ за 60 секунд с 8:00 до 23:00",
            ),
            T(
                "Hotline and chat for the clients of every account manager",
                "Горячая линия и чат для клиентов каждого менеджера по продажам",
            ),
            _metric(T("Calls answered within 60 s", "Звонки, принятые за 60 секунд"), PCT, "higher", 90, 84),
            M(25000),
        ),
        [R("promise", "refund"), R("promise", "complete")],
    ),
    (
        "invoice_export",
        "it",
        "finance",
        _internal(
            T(
                "Monthly invoice export ready on the first working day",
                "Выгрузка для сводных счетов готова в первый рабочий день месяца",
            ),
            T(
                "Export of deliveries per contract client into the accounting system",
                "Выгрузка поставок по клиентам с договором в учётную систему",
            ),
            _metric(T("Exports on time", "Выгрузки вовремя"), PCT, "higher", 100, 100),
            8,
            "hours",
        ),
        [R("promise", "invoice")],
    ),
    (
        "contracts",
        "sales",
        "finance",
        _internal(
            T(
                "Hotel contract terms kept up to date in the CRM",
                "Условия договоров с гостиницами всегда актуальны в CRM",
            ),
            T(
                "Prices, payment terms and contacts of every contract client",
                "Цены, условия оплаты и контакты каждого клиента по договору",
            ),
            _metric(T("Contracts up to date", "Актуальные договоры"), PCT, "higher", 100, 92),
            M(500),
        ),
        [R("promise", "invoice")],
    ),
]

TEAM: dict[str, list[tuple[T, T, float]]] = {
    "sales": [
        (T("Anna Lee", "Анна Смирнова"), T("Head of sales", "Руководитель продаж"), 40),
        (T("Tom Fischer", "Тимур Галиев"), T("Account manager", "Менеджер по работе с клиентами"), 30),
        (T("Mia Rossi", "Мария Романова"), T("Account manager", "Менеджер по работе с клиентами"), 30),
    ],
    "procurement": [
        (T("Greta Holm", "Галина Белова"), T("Category manager", "Категорийный менеджер"), 50),
        (T("Ivan Petrov", "Иван Петров"), T("Buyer", "Закупщик"), 50),
    ],
    "warehouse": [
        (T("Clara Jensen", "Светлана Орлова"), T("Warehouse manager", "Заведующая складом"), 40),
        (T("Omar Haddad", "Олег Хабибуллин"), T("Night shift lead", "Старший ночной смены"), 35),
        (T("Lena Vogel", "Людмила Воронина"), T("Receiving lead", "Старшая на приёмке"), 25),
    ],
    "logistics": [
        (T("Boris Novak", "Борис Кузнецов"), T("Transport manager", "Начальник транспортного отдела"), 45),
        (T("Sam Okafor", "Семён Окунев"), T("Route planner", "Логист-диспетчер"), 30),
        (T("Piotr Zielinski", "Пётр Зайцев"), T("Lead driver", "Старший водитель"), 25),
    ],
    "service": [
        (T("Eva Martins", "Елена Павлова"), T("Service lead", "Руководитель сервиса"), 50),
        (T("Nina Kowalska", "Нина Ковалёва"), T("Service agent", "Оператор горячей линии"), 50),
    ],
    "it": [
        (T("David Osei", "Дмитрий Волков"), T("IT lead", "Руководитель ИТ"), 60),
        (T("Raj Patel", "Руслан Пак"), T("Developer", "Разработчик"), 40),
    ],
    "finance": [
        (T("Felix Braun", "Игорь Фёдоров"), T("Finance manager", "Финансовый менеджер"), 60),
        (T("Sara Lind", "Софья Лебедева"), T("Accountant", "Бухгалтер"), 40),
    ],
}

RULES: list[tuple[str | None, dict[str, T]]] = [
    (
        None,
        {
            "what": T("Morning check of the delivery chain", "Утренняя сверка цепочки доставки"),
            "cadence": T("Daily at 07:30, 15 minutes", "Ежедневно в 7:30, 15 минут"),
            "channel": T("Video call", "Видеозвонок"),
            "decision_rule": T(
                "The owner of the promise decides; the others advise",
                "Решает владелец обещания, остальные советуют",
            ),
        },
    ),
    (
        None,
        {
            "what": T("Review of promise metrics", "Разбор метрик обещаний"),
            "cadence": T("Monthly, first Tuesday", "Раз в месяц, в первый вторник"),
            "channel": T("Meeting room and the shared dashboard", "Переговорная и общий дашборд"),
            "decision_rule": T(
                "A promise changes only with the client team's consent",
                "Обещание меняется только с согласия команды-клиента",
            ),
        },
    ),
    (
        "logistics",
        {
            "what": T("Escalation of delays", "Эскалация опозданий"),
            "cadence": T("As soon as it happens", "Сразу, как только случилось"),
            "channel": T("Delivery chat", "Чат доставки"),
            "decision_rule": T(
                "The driver warns the dispatcher; the dispatcher warns Sales within 10 minutes",
                "Водитель сообщает диспетчеру, диспетчер — менеджеру по продажам в течение 10 минут",
            ),
        },
    ),
]

# --- steps 7 and 8: economics and motivation -------------------------------------------------------------------

ECONOMICS: dict[str, dict[str, Any]] = {
    "sales": {
        "success_metric_name": T("Gross margin from clients", "Валовая маржа с клиентов"),
        "success_target": M(620000),
        "success_actual": M(585000),
        "revenue_external": M(2400000),
        "direct_costs": M(1780000),
        "other_costs": M(140000),
        "growth_target_pct": 8,
        "growth_actual_pct": 5.5,
    },
    "procurement": {
        "success_metric_name": T("Supplier fill rate, %", "Выполнение заказов поставщиками, %"),
        "success_target": 97,
        "success_actual": 94,
        "revenue_external": 0,
        "direct_costs": M(25000),
        "other_costs": M(5000),
        "growth_target_pct": 5,
        "growth_actual_pct": 3,
    },
    "warehouse": {
        "success_metric_name": T("Lines picked without error, %", "Строки, собранные без ошибок, %"),
        "success_target": 99.5,
        "success_actual": 99.1,
        "revenue_external": 0,
        "direct_costs": M(170000),
        "other_costs": M(30000),
        "growth_target_pct": 3,
        "growth_actual_pct": 2,
    },
    "logistics": {
        "success_metric_name": T("Deliveries within the window, %", "Доставки в окно, %"),
        "success_target": 95,
        "success_actual": 88,
        "revenue_external": M(260000),
        "direct_costs": M(215000),
        "other_costs": M(55000),
        "growth_target_pct": 10,
        "growth_actual_pct": -4,
    },
    "service": {
        "success_metric_name": T("First-contact resolution, %", "Вопросы, решённые с первого обращения, %"),
        "success_target": 80,
        "success_actual": 76,
        "revenue_external": 0,
        "direct_costs": M(52000),
        "other_costs": M(10000),
        "growth_target_pct": 0,
        "growth_actual_pct": 0,
    },
    "it": {
        "success_metric_name": T("Portal availability, %", "Доступность портала, %"),
        "success_target": 99.5,
        "success_actual": 99.7,
        "revenue_external": 0,
        "direct_costs": M(95000),
        "other_costs": M(25000),
        "growth_target_pct": 0,
        "growth_actual_pct": 0,
    },
    "finance": {
        "success_metric_name": T("Invoices paid on time, %", "Счета, оплаченные в срок, %"),
        "success_target": 92,
        "success_actual": 89,
        "revenue_external": 0,
        "direct_costs": M(48000),
        "other_costs": M(8000),
        "growth_target_pct": 0,
        "growth_actual_pct": 0,
    },
}

MOTIVATION: dict[str, dict[str, Any]] = {
    "sales": {"variant": 1, "share_pct": 20},
    "procurement": {"variant": 1, "share_pct": 15},
    "warehouse": {"variant": 2, "share_pct": 25, "baseline_profit": M(4000)},
    "logistics": {"variant": 4, "share_pct": 20},
    "service": {"variant": 4, "share_pct": 20},
    "it": {"variant": 3, "share_pct": 20, "company_profit": M(300000), "team_weight": 30},
    "finance": {"variant": 3, "share_pct": 20, "company_profit": M(300000), "team_weight": 20},
}

# --- step 9: experiments, feedback, mistakes, notes ----------------------------------------------------------

EXPERIMENTS: list[tuple[str, dict[str, Any]]] = [
    (
        "sales",
        {
            "pain_id": R("pain", "cutoff"),
            "factor_id": R("value_factor", "cutoff"),
            "title": T(
                "Order cut-off at 23:00 for ten pilot restaurants",
                "Приём заказов до 23:00 для десяти пилотных ресторанов",
            ),
            "believe": T(
                "Restaurants will buy larger baskets if they can order after evening service",
                "Рестораны будут заказывать больше, если смогут делать заказ после вечерней смены",
            ),
            "verify": T(
                "Keep the portal open until 23:00 for ten restaurants in the centre for four weeks",
                "На четыре недели открыть приём заказов до 23:00 для десяти ресторанов в центре",
            ),
            "measure": T(
                "Average basket and orders per week of the pilot group against ten similar restaurants",
                "Средний чек и число заказов в неделю у пилотной группы в сравнении с десятью похожими ресторанами",
            ),
            "right_if": T(
                "The average basket grows by at least 10 % with no more shortages than before",
                "Средний чек вырос минимум на 10 %, а недовложений не стало больше",
            ),
            "cost": M(3000),
            "duration_days": 28,
            "status": "closed",
            "observed": T(
                "Basket up 14 %, orders per week unchanged; the night shift made two shortages in week one",
                "Средний чек вырос на 14 %, число заказов не изменилось; в первую неделю ночная смена допустила два "
                "недовложения",
            ),
            "learned": T(
                "Clients value the late cut-off; the night shift needs the shortage list earlier",
                "Поздний приём заказов клиентам важен; ночной смене нужен список недовложений раньше",
            ),
            "decision": "persevere",
        },
    ),
    (
        "warehouse",
        {
            "title": T(
                "Dock slots for the five largest suppliers",
                "Запись на приёмку для пяти крупнейших поставщиков",
            ),
            "believe": T(
                "Booked slots will end the morning queue at the receiving dock",
                "Запись на слоты уберёт утреннюю очередь на приёмке",
            ),
            "verify": T(
                "Ask the five largest suppliers to book a slot a day ahead for three weeks",
                "Три недели просить пятерых крупнейших поставщиков записываться на слот за сутки",
            ),
            "measure": T(
                "Trucks per day waiting more than 30 minutes",
                "Число машин в день, которые ждут приёмки дольше 30 минут",
            ),
            "right_if": T("Fewer than two waiting trucks a day", "Меньше двух ожидающих машин в день"),
            "cost": M(500),
            "duration_days": 21,
            "status": "closed",
            "observed": T(
                "Three of the five suppliers kept their slots; two came whenever their truck was free",
                "Трое из пяти поставщиков приезжали по записи, двое — когда освобождалась машина",
            ),
            "learned": T(
                "Slots hold only when they are written into the supply contract",
                "Запись соблюдают, только если она прописана в договоре поставки",
            ),
            "decision": "pivot",
        },
    ),
    (
        "logistics",
        {
            "promise_id": R("promise", "window"),
            "title": T("SMS to the chef 30 minutes before arrival", "SMS шеф-повару за 30 минут до приезда"),
            "believe": T(
                "The kitchen will be ready to receive goods and unloading will take less time",
                "Кухня будет готова к приёмке, и разгрузка займёт меньше времени",
            ),
            "verify": T(
                "Send an automatic SMS from the route planner on two routes for three weeks",
                "Три недели отправлять автоматические SMS из планировщика на двух маршрутах",
            ),
            "measure": T("Average time at the client's door", "Среднее время стоянки у клиента"),
            "right_if": T(
                "Time at the door falls by at least 5 minutes",
                "Время стоянки сократилось минимум на 5 минут",
            ),
            "cost": M(800),
            "duration_days": 21,
            "status": "running",
        },
    ),
    (
        "service",
        {
            "pain_id": R("pain", "refund"),
            "promise_id": R("promise", "refund"),
            "title": T("Refund in the chat within 48 hours", "Возврат за брак через чат за 48 часов"),
            "believe": T(
                "Deciding refunds in the chat from the driver's photo will halve repeat complaints",
                "Если решать возврат в чате по фото водителя, повторных претензий станет вдвое меньше",
            ),
            "verify": T(
                "Handle every refund request from the pilot routes in the chat",
                "Все запросы на возврат с пилотных маршрутов обрабатывать в чате",
            ),
            "measure": T(
                "Days from request to refund, and repeat complaints",
                "Срок от запроса до возврата и число повторных претензий",
            ),
            "right_if": T(
                "Average refund time under two days and half as many repeat complaints",
                "Средний срок возврата меньше двух дней, повторных претензий вдвое меньше",
            ),
            "cost": M(1200),
            "duration_days": 30,
            "status": "running",
        },
    ),
    (
        "it",
        {
            "title": T(
                "Stock sync every 5 minutes for the chilled zone",
                "Синхронизация остатков холодильной зоны каждые 5 минут",
            ),
            "believe": T(
                "Most wrong stock figures come from fast-moving chilled goods",
                "Больше всего расхождений в остатках дают быстро оборачиваемые охлаждённые товары",
            ),
            "verify": T(
                "Sync the chilled zone every 5 minutes and the rest every 15 minutes",
                "Синхронизировать холодильную зону каждые 5 минут, остальное — каждые 15",
            ),
            "measure": T(
                "Orders confirmed for goods that are not in stock",
                "Заказы, подтверждённые на товар, которого нет на складе",
            ),
            "right_if": T("Such orders fall by 70 %", "Таких заказов стало на 70 % меньше"),
            "cost": M(2500),
            "duration_days": 14,
            "status": "planned",
        },
    ),
    (
        "finance",
        {
            "promise_id": R("promise", "invoice"),
            "title": T("Consolidated invoice for two pilot hotels", "Сводный счёт для двух пилотных гостиниц"),
            "believe": T(
                "Hotels pay sooner when they get one invoice a month",
                "Гостиницы платят быстрее, если получают один счёт в месяц",
            ),
            "verify": T(
                "Send two hotels one consolidated invoice a month for two months",
                "Два месяца выставлять двум гостиницам один сводный счёт",
            ),
            "measure": T(
                "Days sales outstanding of the pilot hotels",
                "Срок погашения дебиторской задолженности пилотных гостиниц",
            ),
            "right_if": T("Payment comes at least 10 days sooner", "Оплата приходит минимум на 10 дней раньше"),
            "cost": M(400),
            "duration_days": 60,
            "status": "running",
        },
    ),
    (
        "procurement",
        {
            "promise_id": R("promise", "certificates"),
            "title": T("Certificates in a shared folder", "Сертификаты в общей папке"),
            "believe": T(
                "If suppliers upload certificates themselves, we can answer hotel audits within a day",
                "Если поставщики сами загружают сертификаты, мы сможем отвечать на запросы аудиторов в течение дня",
            ),
            "verify": T(
                "Ask ten fish and dairy suppliers to upload a certificate for every batch",
                "Попросить десять поставщиков рыбы и молочной продукции загружать сертификат на каждую партию",
            ),
            "measure": T(
                "Share of certificate requests answered within 24 hours",
                "Доля запросов на сертификаты, закрытых за сутки",
            ),
            "right_if": T("At least 95 % answered within 24 hours", "Не меньше 95 % запросов закрыто за сутки"),
            "cost": M(300),
            "duration_days": 45,
            "status": "planned",
        },
    ),
]

FEEDBACK_ROUND = T("Round 1 — September", "Раунд 1 — сентябрь")
FEEDBACK: list[tuple[str, str, int, T]] = [
    (
        "logistics",
        "warehouse",
        6,
        T(
            "Loading is mostly on time, but Monday mornings are still late",
            "Загрузка в основном вовремя, но по понедельникам утром всё ещё опаздываем",
        ),
    ),
    (
        "warehouse",
        "procurement",
        4,
        T(
            "Trucks still turn up unannounced twice a week and block the dock",
            "Дважды в неделю машины всё ещё приезжают без записи и занимают ворота",
        ),
    ),
    (
        "sales",
        "warehouse",
        8,
        T(
            "The night shift made the 23:00 cut-off possible. Thank you!",
            "Благодаря ночной смене приём заказов до 23:00 заработал. Спасибо!",
        ),
    ),
    (
        "warehouse",
        "sales",
        7,
        T(
            "The late batch arrives on time, but pack sizes are sometimes wrong",
            "Поздние заказы приходят вовремя, но иногда с неверной фасовкой",
        ),
    ),
    (
        "service",
        "finance",
        7,
        T(
            "The refund limit helps a lot; the weekly reconciliation sometimes slips",
            "Лимит на возвраты очень помогает, но еженедельная сверка иногда сдвигается",
        ),
    ),
    (
        "finance",
        "it",
        9,
        T(
            "The invoice export is always ready on the first working day",
            "Выгрузка для счетов всегда готова в первый рабочий день",
        ),
    ),
    (
        "sales",
        "logistics",
        5,
        T(
            "Delay alerts often come after the client has already called us",
            "Предупреждения об опоздании часто приходят уже после звонка клиента",
        ),
    ),
    (
        "logistics",
        "it",
        8,
        T("The route planner was stable all month", "Планировщик маршрутов весь месяц работал без сбоев"),
    ),
]

MISTAKES: list[tuple[str, dict[str, T]]] = [
    (
        "warehouse",
        {
            "what_happened": T(
                "A hotel received 40 kg of salmon instead of 4 kg: the order said kilos instead of packs",
                "Гостиница получила 40 кг лосося вместо 4 кг: в заказе указали килограммы вместо упаковок",
            ),
            "why": T(
                "Units are typed in by hand, and at night nobody double-checks unusual quantities",
                "Единицы измерения в заказе вводятся вручную, а ночью необычные количества никто не перепроверяет",
            ),
            "what_changes": T(
                "IT adds a warning when a quantity is ten times the client's usual; the night lead checks such lines",
                "ИТ добавит предупреждение, если количество в десять раз больше обычного для клиента; старший смены "
                "проверяет такие строки",
            ),
        },
    ),
    (
        "sales",
        {
            "what_happened": T(
                "We promised a restaurant delivery by 09:00 on a public holiday when no routes ran",
                "Ресторану пообещали доставку к 9:00 в праздничный день, когда рейсов не было",
            ),
            "why": T(
                "The holiday delivery schedule was not in the CRM",
                "Праздничного графика доставки не было в CRM",
            ),
            "what_changes": T(
                "Logistics publishes the holiday route plan in the CRM two weeks in advance",
                "Логистика публикует праздничный график рейсов в CRM за две недели",
            ),
        },
    ),
]

NOTES: list[dict[str, Any]] = [
    {
        "step": 5,
        "kind": "decision",
        "text": T(
            "Decided: the delivery-window promise starts on 1 October; during the pilot Logistics may send an "
            "extra van without approval.",
            "Решили: обещание о доставке в окно действует с 1 октября; на время пилота логистика может выпускать "
            "дополнительную машину без согласования.",
        ),
    },
    {
        "step": 6,
        "kind": "note",
        "text": T(
            "For the next session: how to price IT hours so that teams can compare them with outside contractors.",
            "К следующей встрече: как оценивать часы ИТ, чтобы команды могли сравнить их с внешними подрядчиками.",
        ),
    },
]

# --- value streams ------------------------------------------------------------------------------------------

STAGES = [
    T("Research", "Исследование"),
    T("Design", "Проектирование"),
    T("Proposition", "Предложение"),
    T("Development", "Разработка"),
]
STREAMS: list[tuple[str, T, T, list[list[str]]]] = [
    (
        "restaurants",
        T("Next-morning delivery for restaurants", "Доставка к утру для ресторанов"),
        T("Anna Lee", "Анна Смирнова"),
        [["sales", "service"], ["sales", "logistics", "it"], ["sales", "finance"], ["warehouse", "logistics", "it"]],
    ),
    (
        "hotels",
        T("Contract supply for hotels", "Поставки гостиницам по договору"),
        T("Mia Rossi", "Мария Романова"),
        [["sales", "procurement"], ["procurement", "finance"], ["sales", "finance"], ["it", "service", "warehouse"]],
    ),
]


# --- building ---------------------------------------------------------------------------------------------------


class _Demo:
    """Writes one demo workshop in one language, remembering the id of every row by its key."""

    def __init__(self, engine: Engine, lang: str) -> None:
        self.engine = engine
        self.lang = lang
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)
        self.actors: dict[str, Actor] = {}  # participant key -> actor
        self.by_department: dict[str, Actor] = {}
        self.workshop: dict[str, Any] = {}
        self.facilitator: Actor | None = None

    def value(self, value: Any) -> Any:
        if isinstance(value, T):
            return getattr(value, self.lang)
        if isinstance(value, M):
            amount = value.amount * RATE[self.lang]
            return int(amount) if amount == int(amount) else amount
        if isinstance(value, R):
            return self.ids[value.entity][value.key]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def who(self, department: str | None = None) -> Actor:
        """The participant of that department, or the facilitator."""
        assert self.facilitator is not None
        return self.by_department.get(department or "", self.facilitator)

    def add(self, entity_name: str, data: dict[str, Any], key: str | None = None, by: Actor | None = None) -> int:
        row = services.create(self.engine, actor=by or self.who(), entity_name=entity_name, data=self.value(data))
        if key is not None:
            self.ids[entity_name][key] = row["id"]
        return row["id"]

    def build(self) -> int:
        self.start()
        self.step1()
        self.step2()
        self.step3()
        self.step4()
        self.step5()
        self.step6()
        self.steps7_8()
        self.step9()
        self.value_streams()
        self.progress()
        return self.workshop["id"]

    def start(self) -> None:
        self.workshop, self.facilitator = workshops.create_workshop(
            self.engine,
            data={**self.value(WORKSHOP), "language": self.lang, "hour_rate": HOUR_RATE[self.lang]},
            passcode=DEMO_PASSCODE,
            facilitator_name=FACILITATOR[self.lang],
            join_code=f"DEMO{self.lang.upper()}",
        )

    def step1(self) -> None:
        for key, name, description in DEPARTMENTS:
            self.add("department", {"name": name, "description": description}, key)
        names = {key: name for key, name, _ in DEPARTMENTS}
        for key, person, department in PARTICIPANTS:
            actor = workshops.join(
                self.engine,
                code=self.workshop["join_code"],
                display_name=self.value(person),
                new_department=self.value(names[department]),
                throttle_keys=THROTTLE_KEYS,
            )
            self.actors[key] = actor
            self.by_department[department] = actor
            self.ids["participant"][key] = actor.participant_id
        for key, data, department, served in CUSTOMERS:
            self.add("customer", data, key, self.who(department))
            for serving in served:
                link = {"customer_id": R("customer", key), "department_id": R("department", serving)}
                self.add("customer_department", link, by=self.who(department))

    def step2(self) -> None:
        for key, customer, text, severity, frequency, author in PAINS:
            data = {
                "customer_id": R("customer", customer),
                "text": text,
                "severity": severity,
                "frequency": frequency,
                "author_id": R("participant", author),
            }
            self.add("pain", data, key, self.actors[author])
        for voter, dots in VOTES.items():
            for pain, n in dots.items():
                data = {"pain_id": R("pain", pain), "participant_id": R("participant", voter), "dots": n}
                # recorded by the system: voting is closed in the finished demo, and the vote rule lets
                # only the system record a vote outside voting
                self.add("vote", data, by=Actor.system(self.workshop["id"], self.actors[voter].name))

    def step3(self) -> None:
        owner = {key: department for key, _, department, _ in CUSTOMERS}
        for key, customer, name, weight, high_is_good, description, pains in FACTORS:
            by = self.who(owner[customer])
            data = {
                "customer_id": R("customer", customer),
                "name": name,
                "weight": weight,
                "high_is_good": high_is_good,
                "description": description,
            }
            self.add("value_factor", data, key, by)
            for pain in pains:
                self.add("factor_pain", {"factor_id": R("value_factor", key), "pain_id": R("pain", pain)}, by=by)

    def step4(self) -> None:
        by = self.who("sales")
        for key, name, kind, description, scores in OFFERINGS:
            self.add("offering", {"name": name, "kind": kind, "description": description}, key, by)
            for factor, score in zip(CANVAS_FACTORS, scores, strict=True):
                data = {"offering_id": R("offering", key), "factor_id": R("value_factor", factor), "score": score}
                self.add("canvas_score", data, by=by)
        for factor, action, target, note in ERRC:
            data = {"factor_id": R("value_factor", factor), "action": action, "target_score": target, "note": note}
            self.add("errc_action", data, by=by)
        customer_id = self.ids["customer"][MAIN_CUSTOMER]
        current = read.row(self.engine, workshop_id=self.workshop["id"], entity_name="customer", row_id=customer_id)
        services.update_row(
            self.engine,
            actor=by,
            entity_name="customer",
            row_id=customer_id,
            version=current["version"],
            changes={"tagline": self.value(TAGLINE)},
        )

    def step5(self) -> None:
        for key, data in PROMISES:
            owner = data["owner_department_id"].key
            self.add("promise", data, key, self.who(owner))

    def step6(self) -> None:
        for key, supplier, client, data, _ in INTERNAL:
            row = {
                "supplier_department_id": R("department", supplier),
                "client_department_id": R("department", client),
                **data,
            }
            self.add("internal_promise", row, key, self.who(supplier))
        for key, supplier, _, _, parents in INTERNAL:
            for parent in parents:
                field = "parent_promise_id" if parent.entity == "promise" else "parent_internal_id"
                self.add(
                    "promise_support",
                    {"internal_promise_id": R("internal_promise", key), field: parent},
                    by=self.who(supplier),
                )
        for department, members in TEAM.items():
            for name, role, share in members:
                data = {"department_id": R("department", department), "name": name, "role": role, "bonus_share": share}
                self.add("team_member", data, by=self.who(department))
        for department, rule in RULES:
            data = {**rule, "department_id": R("department", department) if department else None}
            self.add("communication_rule", data, by=self.who(department))

    def steps7_8(self) -> None:
        for department, data in ECONOMICS.items():
            row = {"department_id": R("department", department), "period": PERIOD, **data}
            self.add("economics", row, by=self.who(department))
        for department, data in MOTIVATION.items():
            self.add("motivation_plan", {"department_id": R("department", department), **data}, by=self.who(department))

    def step9(self) -> None:
        for department, data in EXPERIMENTS:
            self.add("experiment", {"department_id": R("department", department), **data}, by=self.who(department))
        self.add("feedback_round", {"name": FEEDBACK_ROUND}, "round")
        for client, supplier, score, comment in FEEDBACK:
            data = {
                "round_id": R("feedback_round", "round"),
                "client_department_id": R("department", client),
                "supplier_department_id": R("department", supplier),
                "score": score,
                "comment": comment,
            }
            self.add("feedback", data, by=self.who(client))
        for department, data in MISTAKES:
            self.add("mistake", {"department_id": R("department", department), **data}, by=self.who(department))
        for note in NOTES:
            self.add("note", note)

    def value_streams(self) -> None:
        for customer, name, leader, stages in STREAMS:
            stream = self.add("value_stream", {"customer_id": R("customer", customer), "name": name, "leader": leader})
            for position, (stage_name, departments) in enumerate(zip(STAGES, stages, strict=True)):
                stage = self.add("value_stream_stage", {"stream_id": stream, "name": stage_name, "position": position})
                for department in departments:
                    self.add("stage_department", {"stage_id": stage, "department_id": R("department", department)})

    def progress(self) -> None:
        assert self.facilitator is not None
        for row in read.rows(self.engine, workshop_id=self.workshop["id"], entity_name="step_progress"):
            changes = {
                "status": STEP_STATUS.get(row["step"], "not_started"),
                "timebox_minutes": TIMEBOX_MINUTES[row["step"]],
            }
            services.update_row(
                self.engine,
                actor=self.facilitator,
                entity_name="step_progress",
                row_id=row["id"],
                version=row["version"],
                changes=changes,
            )
        workshops.update_settings(self.engine, actor=self.facilitator, version=None, changes={"current_step": 6})


def build_demo(engine: Engine, lang: str) -> int:
    """One hand-written demo workshop in `lang` ("ru" or "en"); returns its id."""
    if lang not in RATE:
        raise ValueError(f"no demo in language {lang!r}")
    return _Demo(engine, lang).build()


# --- the large synthetic workshop --------------------------------------------------------------------------------

LARGE = {
    "department": 60,
    "customer": 20,
    "internal_customers": 5,
    "pains_per_customer": 5,
    "participant": 20,
    "value_factor": 40,
    "offering": 8,
    "promise": 60,
    "internal_promise": 400,
    "experiment": 200,
    "feedback": 100,
    "value_stream": 10,
}
LARGE_GAP_EVERY = 12  # one internal promise in 12 has no metric, one team in 24 no economics, ...
_AREAS = [
    "Sales",
    "Procurement",
    "Warehouse",
    "Logistics",
    "Service",
    "IT",
    "Finance",
    "Marketing",
    "Quality",
    "HR",
    "Legal",
    "Analytics",
]
_REGIONS = ["North", "South", "East", "West", "Central"]
_SEGMENTS = [
    "Restaurants",
    "Hotels",
    "Caterers",
    "Schools",
    "Hospitals",
    "Cafés",
    "Bakeries",
    "Retail shops",
    "Offices",
    "Airlines",
    "Canteens",
    "Food trucks",
    "Bars",
    "Fitness clubs",
    "Cinemas",
]
_FACTOR_NAMES = [
    "Price",
    "Delivery on time",
    "Order completeness",
    "Range",
    "Payment terms",
    "Service speed",
    "Quality documents",
    "Order cut-off",
    "Tracking",
    "Personal contact",
]
_PROBLEMS = [
    "late deliveries",
    "missing items",
    "wrong invoices",
    "slow answers",
    "price changes",
    "damaged goods",
    "unclear terms",
    "system outages",
]
_STAGE_NAMES = ["Research", "Design", "Proposition", "Development"]


def _batch(engine: Engine, actor: Actor, entity_name: str, rows: list[dict[str, Any]]) -> list[int]:
    """Create many rows of one kind in one write transaction, through the same validation; their ids."""

    def work(conn: Connection) -> list[int]:
        ctx = services.context(conn, actor)
        return [services.create_in(conn, ctx, entity_name, row)["id"] for row in rows]

    return dbe.write(engine, work)


def build_large(engine: Engine, seed: int = 7) -> int:
    """A deterministic synthetic workshop (English) for benchmarks; returns its id."""
    rng = random.Random(seed)
    workshop, fac = workshops.create_workshop(
        engine,
        data={"name": f"Large synthetic workshop {seed}", "organisation": "Benchmark Wholesale", "language": "en"},
        passcode=DEMO_PASSCODE,
        facilitator_name="Facilitator",
    )
    n_dep = LARGE["department"]
    dep_names = [f"{area} {region}" for region in _REGIONS for area in _AREAS][:n_dep]
    deps = _batch(
        engine,
        fac,
        "department",
        [{"name": name, "description": f"{name}: services for the other teams and for clients."} for name in dep_names],
    )

    people: list[int] = []
    for i in range(LARGE["participant"]):
        actor = workshops.join(
            engine,
            code=workshop["join_code"],
            display_name=f"Participant {i + 1:02d}",
            new_department=dep_names[(i * 3) % n_dep],
            throttle_keys=THROTTLE_KEYS,
        )
        people.append(actor.participant_id)

    n_int = LARGE["internal_customers"]
    customer_rows = []
    for i, segment in enumerate(_SEGMENTS[: LARGE["customer"] - n_int]):
        size = rng.randint(20, 5000)
        customer_rows.append(
            {
                "name": segment,
                "kind": "external",
                "first_to_notice": f"The buyer at the {segment.lower()} client",
                "segment_size": size,
                "customer_value": rng.randint(10, 900) * 1000,
                "ltv": rng.randint(5, 400) * 1000,
                "description": f"Segment {i + 1}: {segment.lower()} buying every week.",
            }
        )
    for i in range(n_int):
        dep = (i * 11) % n_dep
        customer_rows.append(
            {
                "name": f"{dep_names[dep]} (internal client)",
                "kind": "internal",
                "department_id": deps[dep],
                "first_to_notice": f"The lead of {dep_names[dep]}",
            }
        )
    customers = _batch(engine, fac, "customer", customer_rows)
    n_cust = len(customers)
    links = []
    for i, dep in enumerate(deps):
        first = i % n_cust
        second = (first + 1 + rng.randrange(n_cust - 1)) % n_cust
        links += [{"customer_id": customers[c], "department_id": dep} for c in (first, second)]
    _batch(engine, fac, "customer_department", links)

    per = LARGE["pains_per_customer"]
    pain_rows = [
        {
            "customer_id": c,
            "text": f"Problem {k + 1} of {customer_rows[i]['name']}: {rng.choice(_PROBLEMS)}",
            "severity": rng.randint(1, 5),
            "frequency": rng.randint(1, 5),
            "author_id": rng.choice(people),
        }
        for i, c in enumerate(customers)
        for k in range(per)
    ]
    system = Actor.system(workshop["id"])  # keeps the authors given and records votes for anyone
    pains = _batch(engine, system, "pain", pain_rows)
    budget = workshop["dots_per_person"]
    vote_rows = []
    for person in people:
        left = rng.randint(3, budget)
        for pain in rng.sample(pains, 3):
            if left <= 0:
                break
            dots = rng.randint(1, left)
            vote_rows.append({"pain_id": pain, "participant_id": person, "dots": dots})
            left -= dots
    _batch(engine, system, "vote", vote_rows)

    factor_rows, factor_customer = [], []
    for i, c in enumerate(customers):
        for name in rng.sample(_FACTOR_NAMES, LARGE["value_factor"] // n_cust):
            factor_rows.append(
                {"customer_id": c, "name": name, "weight": rng.randint(1, 10), "high_is_good": name != "Price"}
            )
            factor_customer.append(i)
    factors = _batch(engine, fac, "value_factor", factor_rows)
    _batch(
        engine,
        fac,
        "factor_pain",
        [{"factor_id": f, "pain_id": pains[factor_customer[j] * per + j % per]} for j, f in enumerate(factors)],
    )

    kinds = ["ours"] + ["competitor"] * 5 + ["substitute"] * 2
    offering_rows = [
        {"name": "Benchmark Wholesale" if kind == "ours" else f"{kind.title()} {i}", "kind": kind}
        for i, kind in enumerate(kinds[: LARGE["offering"]])
    ]
    offerings = _batch(engine, fac, "offering", offering_rows)
    scores = [{"offering_id": o, "factor_id": f, "score": rng.randint(0, 10)} for o in offerings for f in factors]
    _batch(engine, fac, "canvas_score", scores)
    errc = []
    for f in factors:
        action = rng.choice(["eliminate", "reduce", "raise", "create"])
        errc.append(
            {"factor_id": f, "action": action, "target_score": 0 if action == "eliminate" else rng.randint(1, 10)}
        )
    _batch(engine, fac, "errc_action", errc)

    statuses = ["agreed"] * 6 + ["negotiating", "proposed", "draft", "rejected"]
    promise_rows = []
    for k in range(LARGE["promise"]):
        j = k % len(factors)
        agreed = (status := rng.choice(statuses)) == "agreed"
        promise_rows.append(
            {
                "customer_id": customers[factor_customer[j]],
                "factor_id": factors[j],
                "owner_department_id": rng.choice(deps),
                "text": f"Promise {k + 1}: {factor_rows[j]['name'].lower()} as agreed",
                "metric_name": f"Metric {k + 1}",
                "metric_unit": "%",
                "metric_direction": rng.choice(["higher", "lower"]),
                "metric_target": rng.randint(50, 100),
                "metric_current": rng.randint(40, 100),
                "authority_needed": "Decide without approval",
                "authority_granted": agreed,
                "status": status,
            }
        )
    promises = _batch(engine, fac, "promise", promise_rows)

    internal_rows = []
    for k in range(LARGE["internal_promise"]):
        supplier, client = rng.sample(deps, 2)
        measured = k % LARGE_GAP_EVERY != LARGE_GAP_EVERY - 1  # a few promises nobody measures yet: gaps
        internal_rows.append(
            {
                "supplier_department_id": supplier,
                "client_department_id": client,
                "text": f"Internal service {k + 1}",
                "service_description": f"Service {k + 1} delivered every week",
                "metric_name": "Service level" if measured else "",
                "metric_unit": "%",
                "metric_target": 95 if measured else None,
                "metric_current": rng.randint(70, 100),
                "price_amount": rng.randint(1, 200) * 100,
                "price_unit": rng.choice(["money", "hours"]),
                "price_period": rng.choice(["month", "quarter", "year"]),
            }
        )
    internals = _batch(engine, fac, "internal_promise", internal_rows)
    # Each internal promise supports one parent: first every external promise (but a few agreed ones, left
    # unbacked: gaps), then an external promise or an earlier internal promise, so the tree never cycles.
    agreed = [k for k, row in enumerate(promise_rows) if row["status"] == "agreed"]
    unbacked = set(agreed[2 :: LARGE_GAP_EVERY // 2])
    backed = [p for k, p in enumerate(promises) if k not in unbacked]
    support_rows = []
    for k, ip in enumerate(internals):
        if k < len(promises):
            parent = promises[k] if k not in unbacked else backed[k % len(backed)]
            support_rows.append({"internal_promise_id": ip, "parent_promise_id": parent})
        elif rng.random() < 0.5:
            support_rows.append({"internal_promise_id": ip, "parent_promise_id": rng.choice(backed)})
        else:
            support_rows.append({"internal_promise_id": ip, "parent_internal_id": internals[rng.randrange(k)]})
    _batch(engine, fac, "promise_support", support_rows)

    members = []
    for i, dep in enumerate(deps):
        share = rng.choice([50, 60, 70])
        members += [
            {"department_id": dep, "name": f"Lead {i + 1}", "role": "Team lead", "bonus_share": share},
            {"department_id": dep, "name": f"Member {i + 1}", "role": "Specialist", "bonus_share": 100 - share},
        ]
    _batch(engine, fac, "team_member", members)
    _batch(
        engine,
        fac,
        "communication_rule",
        [
            {"what": "Daily check", "cadence": "Daily", "channel": "Chat", "decision_rule": "Owner decides"},
            {"what": "Monthly review", "cadence": "Monthly", "channel": "Meeting", "decision_rule": "Consent"},
        ],
    )

    economics = []
    for i, dep in enumerate(deps):
        revenue = rng.randint(0, 500) * 1000
        if i % (2 * LARGE_GAP_EVERY) == 2 * LARGE_GAP_EVERY - 1:
            continue  # a team without numbers yet: a gap
        economics.append(
            {
                "department_id": dep,
                "period": PERIOD,
                "success_metric_name": "Promises met, %",
                "success_target": 95,
                "success_actual": rng.randint(60, 100),
                "revenue_external": revenue,
                "direct_costs": rng.randint(0, 300) * 1000,
                "other_costs": rng.randint(0, 100) * 1000,
                "growth_target_pct": rng.randint(0, 20),
                "growth_actual_pct": rng.randint(-10, 25),
            }
        )
    _batch(engine, fac, "economics", economics)
    plans = []
    for i, dep in enumerate(deps):
        variant = i % 4 + 1
        plan: dict[str, Any] = {"department_id": dep, "variant": variant, "share_pct": 20}
        if variant == 2:
            plan["baseline_profit"] = rng.randint(0, 100) * 1000
        if variant == 3:
            plan |= {"company_profit": 5_000_000, "team_weight": rng.randint(1, 10)}
        plans.append(plan)
    _batch(engine, fac, "motivation_plan", plans)

    experiments = []
    for k in range(LARGE["experiment"]):
        status = rng.choice(["planned", "running", "closed"])
        row = {
            "department_id": deps[k % n_dep],
            "title": f"Experiment {k + 1}",
            "believe": "Clients will order more if we fix this",
            "verify": "Run a pilot with a few clients",
            "measure": "Orders per week",
            "right_if": "Orders grow by 10 %",
            "cost": rng.randint(0, 50) * 100,
            "duration_days": rng.randint(7, 90),
            "status": status,
        }
        if status == "closed":
            row |= {
                "observed": "Orders changed",
                "learned": "Clients care",
                "decision": rng.choice(["persevere", "pivot", "stop", "keep_testing"]),
            }
        experiments.append(row)
    _batch(engine, fac, "experiment", experiments)

    round_id = _batch(engine, fac, "feedback_round", [{"name": "Round 1"}])[0]
    pairs: dict[tuple[int, int], None] = {}  # distinct (client, supplier), in the order drawn
    while len(pairs) < LARGE["feedback"]:
        client, supplier = rng.sample(deps, 2)
        pairs[(client, supplier)] = None
    _batch(
        engine,
        fac,
        "feedback",
        [
            {
                "round_id": round_id,
                "client_department_id": client,
                "supplier_department_id": supplier,
                "score": rng.randint(1, 10),
                "comment": "Works, could be faster",
            }
            for client, supplier in pairs
        ],
    )

    streams = _batch(
        engine,
        fac,
        "value_stream",
        [
            {"customer_id": customers[i], "name": f"Value stream {i + 1}", "leader": f"Leader {i + 1}"}
            for i in range(LARGE["value_stream"])
        ],
    )
    stages = _batch(
        engine,
        fac,
        "value_stream_stage",
        [{"stream_id": s, "name": name, "position": p} for s in streams for p, name in enumerate(_STAGE_NAMES)],
    )
    _batch(
        engine,
        fac,
        "stage_department",
        [{"stage_id": st, "department_id": d} for st in stages for d in rng.sample(deps, rng.randint(1, 3))],
    )
    return workshop["id"]


def load(engine: Engine, size: str = "demo") -> list[str]:
    """Create the demo workshops ("demo": Russian and English) or the large one ("large"); lines to print."""
    if size == "demo":
        built = [(build_demo(engine, lang), "Demo") for lang in ("ru", "en")]
    elif size == "large":
        built = [(build_large(engine), "Large")]
    else:
        raise ValueError(f"unknown demo size {size!r}")
    lines = []
    for workshop_id, label in built:
        w = workshops.workshop(engine, workshop_id=workshop_id)
        lines.append(
            f"{label} workshop '{w['name']}' ({w['language']}): join code {w['join_code']}, "
            f"facilitator passcode '{DEMO_PASSCODE}'"
        )
    return lines
