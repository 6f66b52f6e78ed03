import { PlusOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { PartyOrgForm } from './forms/PartyOrgForm.tsx'
import { UnitForm } from './forms/UnitForm.tsx'

/** 新建单位 on the units list; opens the new unit's page once saved. */
export function NewUnitButton() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [adding, setAdding] = useState(false)
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-new">
        {t('regForms.unit.create')}
      </Button>
      {adding && (
        <UnitForm open onClose={() => setAdding(false)} onSaved={(u) => void navigate(`/units/${u.id}`)} />
      )}
    </>
  )
}

/** 新建党组织 on the organisations list; opens the new organisation's page once saved. */
export function NewOrgButton() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [adding, setAdding] = useState(false)
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="org-new">
        {t('regForms.org.create')}
      </Button>
      {adding && (
        <PartyOrgForm
          open
          onClose={() => setAdding(false)}
          onSaved={(o) => void navigate(`/party-orgs/${o.id}`)}
        />
      )}
    </>
  )
}
