import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import type { Building } from '@tongxin/contracts'
import { Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { BuildingForm } from './forms/BuildingForm.tsx'
import { DeleteButton } from './forms/DeleteButton.tsx'
import { UnitForm } from './forms/UnitForm.tsx'

/** 编辑 / 删除 on a building page. */
export function BuildingEditActions({ building }: { building: Building }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [editing, setEditing] = useState(false)
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="building-edit">
        {t('regForms.edit')}
      </Button>
      <DeleteButton
        route="DELETE /api/buildings/:id"
        id={building.id}
        version={building.version}
        name={building.name}
        onDeleted={() => void navigate('/buildings', { replace: true })}
        testId="building-delete"
      />
      {editing && <BuildingForm open building={building} onClose={() => setEditing(false)} />}
    </>
  )
}

/** 添加单位 from the floor directory: the new unit is placed in this building. */
export function AddUnitButton({ building }: { building: Building }) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState(false)
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-add">
        {t('regForms.unit.add')}
      </Button>
      {adding && (
        <UnitForm
          open
          building={{ id: building.id, name: building.name, floors: building.floors }}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  )
}

/** 新建楼宇 on the buildings list; opens the new building's page once saved. */
export function NewBuildingButton() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [adding, setAdding] = useState(false)
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setAdding(true)}
        data-testid="building-new"
      >
        {t('regForms.building.create')}
      </Button>
      {adding && (
        <BuildingForm
          open
          onClose={() => setAdding(false)}
          onSaved={(b) => void navigate(`/buildings/${b.id}`)}
        />
      )}
    </>
  )
}
