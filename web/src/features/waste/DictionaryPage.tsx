import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { WasteItem, WasteItemInput, WasteMiss } from '@tongxin/contracts'
import { App, Button, Flex, Form, Input, Modal, Select, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorTable } from '../../components/CursorTable.tsx'
import { call } from '../../lib/api.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { wasteKeys } from './api.ts'
import { CATEGORY_ORDER, CATEGORY_STYLE } from './categories.tsx'
import { useDebounced } from './useLookup.ts'

export function CategoryTag({ category }: { category: WasteItem['category'] }) {
  const { t } = useTranslation()
  const s = CATEGORY_STYLE[category]
  return (
    <Tag color={s.color} icon={s.icon}>
      {t(`waste.categories.${category}`)}
    </Tag>
  )
}

interface Values {
  name: string
  category: WasteItem['category']
  aliases: string[]
  reason: string
  disposal?: string
}

/** Add (no `item`) or correct an item; a correction carries the version read, so two staff cannot clash. */
function ItemModal({
  item,
  initialName,
  onClose,
}: {
  item: WasteItem | null
  initialName?: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: WasteItemInput = {
        name: v.name.trim(),
        category: v.category,
        aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean),
        reason: v.reason.trim(),
        disposal: v.disposal?.trim() || null,
      }
      return item
        ? call('PUT /api/waste/items/:id', {
            params: { id: item.id },
            body: { ...body, version: item.version },
          })
        : call('POST /api/waste/items', { body })
    },
    onSuccess: () => {
      void message.success(t('waste.dictionary.saved'))
      void qc.invalidateQueries({ queryKey: wasteKeys.all() })
      onClose()
    },
    onError: (e) => message.error(e.message),
  })
  return (
    <Modal
      open
      title={item ? t('waste.dictionary.edit') : t('waste.dictionary.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('waste.dictionary.save')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="waste-item-form"
        initialValues={
          item
            ? { ...item, disposal: item.disposal ?? undefined }
            : { name: initialName, aliases: [], category: undefined }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('waste.dictionary.name')} rules={[{ required: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="category" label={t('waste.dictionary.category')} rules={[{ required: true }]}>
          <Select options={CATEGORY_ORDER.map((c) => ({ value: c, label: <CategoryTag category={c} /> }))} />
        </Form.Item>
        <Form.Item name="aliases" label={t('waste.dictionary.aliases')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
        <Form.Item name="reason" label={t('waste.dictionary.reason')} rules={[{ required: true, max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="disposal" label={t('waste.dictionary.disposal')} rules={[{ max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ItemsTab() {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [category, setCategory] = useState<WasteItem['category']>()
  const debounced = useDebounced(q.trim(), 300)
  const list = useCursorRoute('waste-items', 'GET /api/waste/items', {
    q: debounced || undefined,
    category,
  })
  const [editing, setEditing] = useState<WasteItem | 'new' | null>(null)
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('waste.dictionary.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('waste.dictionary.category')}
          value={category}
          onChange={setCategory}
          options={CATEGORY_ORDER.map((c) => ({ value: c, label: t(`waste.categories.${c}`) }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('waste.dictionary.add')}
        </Button>
      </Flex>
      <CursorTable<WasteItem>
        list={list}
        testId="waste-items"
        size="small"
        columns={[
          { title: t('waste.dictionary.name'), dataIndex: 'name' },
          {
            title: t('waste.dictionary.category'),
            dataIndex: 'category',
            render: (c: WasteItem['category']) => <CategoryTag category={c} />,
          },
          {
            title: t('waste.dictionary.aliases'),
            dataIndex: 'aliases',
            render: (a: string[]) => a.join('、'),
          },
          { title: t('waste.dictionary.reason'), dataIndex: 'reason', ellipsis: true, width: 320 },
          {
            title: t('waste.dictionary.source'),
            dataIndex: 'source',
            render: (s: WasteItem['source']) => t(`waste.dictionary.sources.${s}`),
          },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, row: WasteItem) => (
              <Button size="small" onClick={() => setEditing(row)}>
                {t('waste.dictionary.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  )
}

function MissesTab() {
  const { t } = useTranslation()
  const misses = useQuery({
    queryKey: wasteKeys.misses(),
    queryFn: ({ signal }) => call('GET /api/waste/misses', { query: { limit: 200 }, signal }),
  })
  const [adding, setAdding] = useState<string | null>(null)
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('waste.dictionary.missesNote')}</Typography.Text>
      <Table<WasteMiss>
        rowKey="query"
        size="small"
        data-testid="waste-misses"
        loading={misses.isPending}
        dataSource={misses.data ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('waste.dictionary.query'), dataIndex: 'query' },
          { title: t('waste.dictionary.count'), dataIndex: 'count' },
          {
            title: t('waste.dictionary.lastSeen'),
            dataIndex: 'lastSeen',
            render: (s: string) => new Date(s).toLocaleString(),
          },
          {
            title: '',
            key: 'add',
            render: (_: unknown, row: WasteMiss) => (
              <Button size="small" onClick={() => setAdding(row.query)}>
                {t('waste.dictionary.addThis')}
              </Button>
            ),
          },
        ]}
      />
      {adding !== null && <ItemModal item={null} initialName={adding} onClose={() => setAdding(null)} />}
    </Flex>
  )
}

/** 词典维护 (staff): search and correct items, add missing ones, see what people looked for in vain. */
export function DictionaryPage() {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('waste.dictionary.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'items', label: t('waste.dictionary.items'), children: <ItemsTab /> },
          { key: 'misses', label: t('waste.dictionary.misses'), children: <MissesTab /> },
        ]}
      />
    </Flex>
  )
}
